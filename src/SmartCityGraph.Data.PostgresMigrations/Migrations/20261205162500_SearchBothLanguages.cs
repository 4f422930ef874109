using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmartCityGraph.Data.Storage;

#nullable disable

namespace SmartCityGraph.Data.PostgresMigrations.Migrations
{
    /// <summary>
    /// The search vector (see <see cref="AddSearchIndex"/>) reads both languages, as the SQLite index does since its
    /// own <c>SearchBothLanguages</c>: the title with its German and English versions (A), the other names with an
    /// organisation's aliases (B), the summary with the German one and a term's definition (C). A generated column's
    /// expression cannot be altered, so the column and its index are built again.
    /// </summary>
    /// <remarks>
    /// The text expressions must stay the same as <c>PostgresSearchIndex</c>'s (its highlight reads the same fields).
    /// <c>array_to_string</c> is only stable (it formats any array), so the aliases go through an immutable wrapper
    /// for text arrays, which a generated column may use.
    /// </remarks>
    [DbContext(typeof(SmartCityDbContext))]
    [Migration("20261205162500_SearchBothLanguages")]
    public partial class SearchBothLanguages : Migration
    {
        private const string Title = """
            ("Title" || ' ' || coalesce("TitleDe", '') || ' ' || coalesce("TitleEn", ''))
            """;

        private const string Alias = """
            (coalesce("SeedTitle", '') || ' ' || coalesce("Abbreviation", '') || ' ' || coalesce(smartcity_words("Aliases"), ''))
            """;

        private const string Body = """
            (coalesce("Summary", '') || ' ' || coalesce("SummaryDe", '') || ' ' || coalesce("Definition", '') || ' ' ||
                coalesce(CASE "EventType" WHEN 'OnlineConsultation' THEN 'online consultation'
                WHEN 'RoundTable' THEN 'round table' ELSE lower("EventType") END, ''))
            """;

        private const string OldAlias = """(coalesce("SeedTitle", '') || ' ' || coalesce("Abbreviation", ''))""";

        private const string OldBody = """
            (coalesce("Summary", '') || ' ' || coalesce(CASE "EventType" WHEN 'OnlineConsultation' THEN 'online consultation'
                WHEN 'RoundTable' THEN 'round table' ELSE lower("EventType") END, ''))
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION smartcity_words(words text[]) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN array_to_string(words, ' ');
                """);
            Recreate(migrationBuilder, Title, Alias, Body);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Recreate(migrationBuilder, "\"Title\"", OldAlias, OldBody);
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS smartcity_words(text[]);");
        }

        private static void Recreate(MigrationBuilder migrationBuilder, string title, string alias, string body)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Entities_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Entities" DROP COLUMN IF EXISTS "SearchVector";""");
            migrationBuilder.Sql($"""
                ALTER TABLE "Entities" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    {Weighted(title, 'A')} || {Weighted(alias, 'B')} || {Weighted(body, 'C')}) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Entities_SearchVector" ON "Entities" USING GIN ("SearchVector");""");
        }

        /// <summary>A field's words as they are and as German stems, at one weight.</summary>
        private static string Weighted(string text, char weight) =>
            $"setweight(to_tsvector('smartcity_simple'::regconfig, {text}) || to_tsvector('smartcity_german'::regconfig, {text}), '{weight}')";
    }
}
