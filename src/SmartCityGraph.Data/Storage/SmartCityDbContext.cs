using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Storage;

public sealed class SmartCityDbContext(DbContextOptions<SmartCityDbContext> options) : DbContext(options)
{
    public DbSet<Entity> Entities => Set<Entity>();
    public DbSet<Relation> Relations => Set<Relation>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<Strategy> Strategies => Set<Strategy>();
    public DbSet<Phase> Phases => Set<Phase>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Pilot> Pilots => Set<Pilot>();
    public DbSet<StrategyElement> StrategyElements => Set<StrategyElement>();
    public DbSet<ParticipationStrand> ParticipationStrands => Set<ParticipationStrand>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Result> Results => Set<Result>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Collection> Collections => Set<Collection>();
    public DbSet<Series> Series => Set<Series>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums as text: the database stays readable and a new member never shifts stored values.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Entity>(entity =>
        {
            // The search index (migration AddSearchIndex) is kept in step by AFTER triggers on this table,
            // which SQLite's RETURNING clause does not allow: EF reads generated ids the older way here.
            entity.ToTable("Entities", table => table.UseSqlReturningClause(false));
            entity.HasDiscriminator(e => e.Kind)
                .HasValue<Strategy>(NodeKind.Strategy)
                .HasValue<Phase>(NodeKind.Phase)
                .HasValue<Event>(NodeKind.Event)
                .HasValue<Organisation>(NodeKind.Organisation)
                .HasValue<Pilot>(NodeKind.Pilot)
                .HasValue<StrategyElement>(NodeKind.StrategyElement)
                .HasValue<ParticipationStrand>(NodeKind.ParticipationStrand)
                .HasValue<Document>(NodeKind.Document)
                .HasValue<Result>(NodeKind.Result)
                .HasValue<Term>(NodeKind.Term)
                .HasValue<Collection>(NodeKind.Collection)
                .HasValue<Series>(NodeKind.Series);
            entity.Property(e => e.Key).HasMaxLength(200);
            entity.Property(e => e.Title).HasMaxLength(500);
            entity.Property(e => e.TitleDe).HasMaxLength(500);
            entity.Property(e => e.TitleEn).HasMaxLength(500);
            entity.HasIndex(e => new { e.Kind, e.Key }).IsUnique();
            // Keyset paging walks a kind in id order.
            entity.HasIndex(e => new { e.Kind, e.Id });
            entity.HasIndex(e => new { e.Kind, e.Title, e.Id });
            entity.OwnsMany(e => e.Sources, SourceColumn);
            // Edits name the version they read; a stale one changes nothing (UPDATE … WHERE Version = @read).
            entity.Property(e => e.Version).HasDefaultValue(1).IsConcurrencyToken();
            entity.Property(e => e.RevisedAt).HasConversion(at => at, at => at.HasValue ? DateTime.SpecifyKind(at.Value, DateTimeKind.Utc) : null);
        });

        // Kinds share columns with the same meaning, so one index serves "by date" across kinds.
        model.Entity<Phase>().Property(p => p.StartDate).HasColumnName("StartDate");
        model.Entity<Phase>().Property(p => p.EndDate).HasColumnName("EndDate");
        model.Entity<Event>().Property(e => e.StartDate).HasColumnName("StartDate");
        model.Entity<Event>().Property(e => e.EndDate).HasColumnName("EndDate");
        model.Entity<Pilot>().Property(p => p.StartDate).HasColumnName("StartDate");
        model.Entity<Pilot>().Property(p => p.EndDate).HasColumnName("EndDate");
        model.Entity<Series>().Property(p => p.StartDate).HasColumnName("StartDate");
        model.Entity<Series>().Property(p => p.EndDate).HasColumnName("EndDate");
        model.Entity<Strategy>().Property(s => s.Url).HasColumnName("Url");
        model.Entity<Event>().Property(e => e.Url).HasColumnName("Url");
        model.Entity<Organisation>().Property(o => o.Url).HasColumnName("Url");
        model.Entity<Pilot>().Property(p => p.Url).HasColumnName("Url");
        model.Entity<Document>().Property(d => d.Url).HasColumnName("Url");
        model.Entity<Event>().Property(e => e.Type).HasColumnName("EventType");
        model.Entity<Organisation>().Property(o => o.Type).HasColumnName("OrganisationType");
        model.Entity<StrategyElement>().Property(s => s.Type).HasColumnName("ElementType");
        model.Entity<Result>().Property(r => r.Type).HasColumnName("ResultType");
        model.Entity<Series>().Property(s => s.Type).HasColumnName("SeriesType");
        // Every query of one kind names its discriminator, so date orders need it first to use the index.
        model.Entity<Event>().HasIndex(e => new { e.Kind, e.StartDate, e.Id });

        model.Entity<Relation>(relation =>
        {
            relation.ToTable("Relations");
            relation.Property(r => r.Role).HasMaxLength(200);
            relation.HasOne(r => r.From).WithMany(e => e.OutgoingRelations).HasForeignKey(r => r.FromId).OnDelete(DeleteBehavior.Cascade);
            relation.HasOne(r => r.To).WithMany(e => e.IncomingRelations).HasForeignKey(r => r.ToId).OnDelete(DeleteBehavior.Cascade);
            // Both directions are walked by type: "what does X organise", "who organises Y".
            relation.HasIndex(r => new { r.FromId, r.Type, r.ToId });
            relation.HasIndex(r => new { r.ToId, r.Type, r.FromId });
            // Pages of a parent's neighbours walk these in key order and stop after n (NeighbourWindows).
            relation.HasIndex(r => new { r.FromId, r.ToId, r.Type });
            relation.HasIndex(r => new { r.ToId, r.FromId, r.Type });
            // Pages of a parent's relations walk these in relation-id order.
            relation.HasIndex(r => new { r.FromId, r.Id });
            relation.HasIndex(r => new { r.ToId, r.Id });
            relation.OwnsMany(r => r.Sources, SourceColumn);
            relation.Property(r => r.Version).HasDefaultValue(1).IsConcurrencyToken();
        });

        model.Entity<Revision>(revision =>
        {
            revision.ToTable("Revisions");
            revision.HasKey(r => r.Number);
            // Stored as UTC text; read back as UTC (SQLite keeps no kind).
            revision.Property(r => r.At).HasConversion(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));
            revision.Property(r => r.Actor).HasMaxLength(200);
            revision.Property(r => r.SubjectKey).HasMaxLength(200);
            revision.Property(r => r.Comment).HasMaxLength(2000);
            // An entity's history and the replay's "latest revision per subject up to N".
            revision.HasIndex(r => new { r.SubjectType, r.SubjectRowId, r.Number });
            // "as of" a time, and the change feed since a time.
            revision.HasIndex(r => r.At);
            // The change feed by kind.
            revision.HasIndex(r => new { r.SubjectKind, r.Number });
            revision.OwnsMany(r => r.Sources, SourceColumn);
        });
    }

    private static void SourceColumn<TOwner>(OwnedNavigationBuilder<TOwner, Source> source) where TOwner : class
    {
        source.ToJson("Sources");
    }
}
