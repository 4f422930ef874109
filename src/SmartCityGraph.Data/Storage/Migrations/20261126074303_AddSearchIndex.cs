using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartCityGraph.Data.Storage.Migrations
{
    /// <summary>
    /// The full-text index of <see cref="Search.Sqlite.SqliteSearchIndex"/>: an FTS5 table with external content
    /// (the view <c>EntitySearchText</c> over <c>Entities</c>, so the text is stored once) and triggers that
    /// keep it in step with every insert, update and delete of an entity — the seed import, re-imports and
    /// later edits alike. Existing rows are indexed by a rebuild.
    /// </summary>
    /// <remarks>
    /// SQLite drops a table's triggers with the table: a later migration that rebuilds <c>Entities</c>
    /// (EF does so for some column changes) must create these triggers again and rebuild the index.
    /// </remarks>
    public partial class AddSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE VIEW EntitySearchText AS
                SELECT Id, {Title("")} AS title, {Alias("")} AS alias, {Body("")} AS body FROM Entities;
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE EntitySearch USING fts5(
                    title, alias, body,
                    content = 'EntitySearchText', content_rowid = 'Id',
                    tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Entities_SearchInsert AFTER INSERT ON Entities BEGIN
                    {Insert("new")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Entities_SearchDelete AFTER DELETE ON Entities BEGIN
                    {Delete("old")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Entities_SearchUpdate AFTER UPDATE ON Entities BEGIN
                    {Delete("old")}
                    {Insert("new")}
                END;
                """);
            migrationBuilder.Sql("INSERT INTO EntitySearch(EntitySearch) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Entities_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Entities_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Entities_SearchInsert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS EntitySearch;");
            migrationBuilder.Sql("DROP VIEW IF EXISTS EntitySearchText;");
        }

        // The view and the triggers compute the indexed text with the same expressions: an external-content
        // FTS5 table must be told exactly the text it indexed when a row goes away.
        private static string Insert(string row) =>
            $"INSERT INTO EntitySearch(rowid, title, alias, body) VALUES ({row}.Id, {Title(row + ".")}, {Alias(row + ".")}, {Body(row + ".")});";

        private static string Delete(string row) =>
            $"INSERT INTO EntitySearch(EntitySearch, rowid, title, alias, body) VALUES ('delete', {row}.Id, {Title(row + ".")}, {Alias(row + ".")}, {Body(row + ".")});";

        private static string Title(string p) => $"{p}Title";

        /// <summary>Other names: a pilot's name in the original knowledge store, an organisation's abbreviation.</summary>
        private static string Alias(string p) => $"trim(coalesce({p}SeedTitle, '') || ' ' || coalesce({p}Abbreviation, ''))";

        /// <summary>The summary and, for events, the type in words ("online consultation").</summary>
        private static string Body(string p) =>
            $"trim(coalesce({p}Summary, '') || ' ' || coalesce(CASE {p}EventType WHEN 'OnlineConsultation' THEN 'online consultation' " +
            $"WHEN 'RoundTable' THEN 'round table' ELSE lower({p}EventType) END, ''))";
    }
}
