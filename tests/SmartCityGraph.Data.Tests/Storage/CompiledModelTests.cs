using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.CompiledModel;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>
/// SQLite runs on the compiled model in <c>Storage/CompiledModel</c> (it skips building the model at start-up). It is
/// generated code, so a change to the entities or to <c>OnModelCreating</c> must be followed by regenerating it
/// (<c>src/SmartCityGraph.Data/Storage/regenerate-compiled-model.sh</c>); these tests fail until then.
/// </summary>
public sealed class CompiledModelTests
{
    private static SmartCityDbContext BuiltAtRunTime() =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static SmartCityDbContext Compiled()
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:");
        return new SmartCityDbContext(options.Options);
    }

    [Fact]
    public void The_server_s_SQLite_contexts_use_the_compiled_model()
    {
        using var db = Compiled();
        Assert.Same(SmartCityDbContextModel.Instance, db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Model);
    }

    [Fact]
    public void Other_contexts_build_their_model_themselves()
    {
        using var sqlite = BuiltAtRunTime(); // what the comparison below compares with
        Assert.NotSame(SmartCityDbContextModel.Instance, sqlite.Model);
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused");
        using var postgres = new SmartCityDbContext(options.Options);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", postgres.Database.ProviderName);
        Assert.NotSame(SmartCityDbContextModel.Instance, postgres.Model);
    }

    [Fact]
    public void The_compiled_model_describes_the_same_entities_tables_and_columns_as_the_model_built_at_run_time()
    {
        using var runtime = BuiltAtRunTime();
        using var compiled = Compiled();
        // With annotations: table and column names, column types, converters' provider types, the discriminator.
        var options = MetadataDebugStringOptions.LongDefault | MetadataDebugStringOptions.IncludeAnnotations;
        Assert.Equal(runtime.Model.ToDebugString(options), compiled.Model.ToDebugString(options));
        Assert.Equal(runtime.Model.GetRelationalModel().ToDebugString(options), compiled.Model.GetRelationalModel().ToDebugString(options));
    }
}
