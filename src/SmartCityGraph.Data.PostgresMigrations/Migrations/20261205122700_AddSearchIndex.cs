using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmartCityGraph.Data.Storage;

#nullable disable

namespace SmartCityGraph.Data.PostgresMigrations.Migrations
{
    /// <summary>
    /// The full-text index of <c>PostgresSearchIndex</c>: text search configurations that fold case and diacritics
    /// (<c>unaccent</c>) — <c>smartcity_simple</c> keeps words as they are, <c>smartcity_german</c> stems them —
    /// and a stored generated <c>tsvector</c> column over both (title A, other names B, summary and event type C)
    /// under a GIN index. Being generated, it follows every insert, update and COPY by itself.
    /// </summary>
    /// <remarks>
    /// The text expressions must stay the same as <c>PostgresSearchIndex</c>'s (its highlight reads the same fields),
    /// and as the SQLite index's view (<c>AddSearchIndex</c> in SmartCityGraph.Data), so both engines index the same text.
    /// </remarks>
    [DbContext(typeof(SmartCityDbContext))]
    [Migration("20261205122700_AddSearchIndex")]
    public partial class AddSearchIndex : Migration
    {
        private const string Alias = """(coalesce("SeedTitle", '') || ' ' || coalesce("Abbreviation", ''))""";

        private const string Body = """
            (coalesce("Summary", '') || ' ' || coalesce(CASE "EventType" WHEN 'OnlineConsultation' THEN 'online consultation'
                WHEN 'RoundTable' THEN 'round table' ELSE lower("EventType") END, ''))
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent is a trusted extension (PostgreSQL 13+): the database's owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION smartcity_simple (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION smartcity_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
                CREATE TEXT SEARCH CONFIGURATION smartcity_german (COPY = german);
                ALTER TEXT SEARCH CONFIGURATION smartcity_german ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;
                """);
            migrationBuilder.Sql($"""
                ALTER TABLE "Entities" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    {Weighted("\"Title\"", 'A')} || {Weighted(Alias, 'B')} || {Weighted(Body, 'C')}) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Entities_SearchVector" ON "Entities" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Entities_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Entities" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS smartcity_german;");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION IF EXISTS smartcity_simple;");
        }

        /// <summary>A field's words as they are and as German stems, at one weight.</summary>
        private static string Weighted(string text, char weight) =>
            $"setweight(to_tsvector('smartcity_simple'::regconfig, {text}) || to_tsvector('smartcity_german'::regconfig, {text}), '{weight}')";
    }
}
