using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartCityGraph.Data.Storage.Migrations
{
    /// <summary>
    /// The search index (see <see cref="AddSearchIndex"/>) reads both languages: the title column holds the title
    /// and its German and English versions, the alias column also an organisation's other names, the body also the
    /// German summary and a term's definition. Only the view's and the triggers' text expressions change; the index
    /// is rebuilt from the view.
    /// </summary>
    public partial class SearchBothLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            Recreate(migrationBuilder, Title, Alias, Body);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            Recreate(migrationBuilder, p => $"{p}Title", p => $"trim(coalesce({p}SeedTitle, '') || ' ' || coalesce({p}Abbreviation, ''))", OldBody);

        private static string Title(string p) =>
            $"trim({p}Title || ' ' || coalesce({p}TitleDe, '') || ' ' || coalesce({p}TitleEn, ''))";

        /// <summary>A pilot's seed title, an organisation's abbreviation and aliases (a JSON list; its punctuation separates words).</summary>
        private static string Alias(string p) =>
            $"trim(coalesce({p}SeedTitle, '') || ' ' || coalesce({p}Abbreviation, '') || ' ' || coalesce({p}Aliases, ''))";

        private static string Body(string p) =>
            $"trim(coalesce({p}Summary, '') || ' ' || coalesce({p}SummaryDe, '') || ' ' || coalesce({p}Definition, '') || ' ' || {EventType(p)})";

        private static string OldBody(string p) => $"trim(coalesce({p}Summary, '') || ' ' || {EventType(p)})";

        private static string EventType(string p) =>
            $"coalesce(CASE {p}EventType WHEN 'OnlineConsultation' THEN 'online consultation' WHEN 'RoundTable' THEN 'round table' ELSE lower({p}EventType) END, '')";

        private static void Recreate(MigrationBuilder migrationBuilder, Func<string, string> title, Func<string, string> alias, Func<string, string> body)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Entities_SearchUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Entities_SearchDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Entities_SearchInsert;");
            migrationBuilder.Sql("DROP VIEW IF EXISTS EntitySearchText;");
            migrationBuilder.Sql($"CREATE VIEW EntitySearchText AS SELECT Id, {title("")} AS title, {alias("")} AS alias, {body("")} AS body FROM Entities;");
            // An external-content FTS5 table must be told exactly the text it indexed when a row goes away: the
            // triggers compute it with the view's expressions.
            string Values(string row) => $"{row}.Id, {title(row + ".")}, {alias(row + ".")}, {body(row + ".")}";
            migrationBuilder.Sql($"CREATE TRIGGER Entities_SearchInsert AFTER INSERT ON Entities BEGIN INSERT INTO EntitySearch(rowid, title, alias, body) VALUES ({Values("new")}); END;");
            migrationBuilder.Sql($"CREATE TRIGGER Entities_SearchDelete AFTER DELETE ON Entities BEGIN INSERT INTO EntitySearch(EntitySearch, rowid, title, alias, body) VALUES ('delete', {Values("old")}); END;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER Entities_SearchUpdate AFTER UPDATE ON Entities BEGIN
                    INSERT INTO EntitySearch(EntitySearch, rowid, title, alias, body) VALUES ('delete', {Values("old")});
                    INSERT INTO EntitySearch(rowid, title, alias, body) VALUES ({Values("new")});
                END;
                """);
            migrationBuilder.Sql("INSERT INTO EntitySearch(EntitySearch) VALUES ('rebuild');");
        }
    }
}
