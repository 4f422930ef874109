using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmartCityGraph.Data.Storage;

#nullable disable

namespace SmartCityGraph.Data.PostgresMigrations.Migrations
{
    /// <summary>
    /// A precomputed ranking for search: one row per word of an entity's search vector with the rank that word alone
    /// gives the entity (<c>ts_rank</c> with the search's weights), under a B-tree ordered by word, then rank, best
    /// first. A one-word search reads the best matches of each word its prefix covers straight from the index and
    /// stops, where the GIN index can only hand over every match (44,701 for "water" at 1M entities) to be scored
    /// before the best are known. Statement-level triggers with transition tables keep it in step with every
    /// insert, update, delete and <c>COPY</c> of <c>Entities</c> in the same transaction.
    /// </summary>
    /// <remarks>
    /// <para>The rank is part of the key so that a changed or removed entity's rows are found by a descent each (the
    /// same function recomputes it from the old vector), without a second index by entity.</para>
    /// <para>A word is turned into a one-word <c>tsquery</c> by quoting it (quotes and backslashes doubled), not by
    /// parsing it again, so the query is exactly that word.</para>
    /// </remarks>
    [DbContext(typeof(SmartCityDbContext))]
    [Migration("20261206200000_SearchPostings")]
    public partial class SearchPostings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION smartcity_postings(vector tsvector) RETURNS TABLE ("Lexeme" text, "Rank" real)
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT u.lexeme,
                           ts_rank(ARRAY[0.0, 0.1, 0.5, 1.0]::real[], vector,
                                   ('''' || replace(replace(u.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery)
                    FROM unnest(vector) AS u
                    $$;
                """);
            migrationBuilder.Sql("""
                CREATE TABLE "SearchPostings" ("Lexeme" text NOT NULL, "Rank" real NOT NULL, "EntityId" integer NOT NULL);
                CREATE INDEX "IX_SearchPostings_Lexeme_Rank_EntityId" ON "SearchPostings" ("Lexeme", "Rank" DESC, "EntityId");
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION smartcity_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "SearchPostings" ("Lexeme", "Rank", "EntityId")
                    SELECT p."Lexeme", p."Rank", n."Id" FROM inserted AS n, smartcity_postings(n."SearchVector") AS p;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION smartcity_postings_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM "SearchPostings" AS s
                    USING (SELECT o."Id", p."Lexeme", p."Rank"
                           FROM before AS o JOIN after AS n ON n."Id" = o."Id" AND n."SearchVector" IS DISTINCT FROM o."SearchVector",
                                smartcity_postings(o."SearchVector") AS p) AS gone
                    WHERE s."Lexeme" = gone."Lexeme" AND s."Rank" = gone."Rank" AND s."EntityId" = gone."Id";
                    INSERT INTO "SearchPostings" ("Lexeme", "Rank", "EntityId")
                    SELECT p."Lexeme", p."Rank", n."Id"
                    FROM after AS n JOIN before AS o ON o."Id" = n."Id" AND n."SearchVector" IS DISTINCT FROM o."SearchVector",
                         smartcity_postings(n."SearchVector") AS p;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION smartcity_postings_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM "SearchPostings" AS s
                    USING (SELECT o."Id", p."Lexeme", p."Rank" FROM deleted AS o, smartcity_postings(o."SearchVector") AS p) AS gone
                    WHERE s."Lexeme" = gone."Lexeme" AND s."Rank" = gone."Rank" AND s."EntityId" = gone."Id";
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "SearchPostings_Inserted" AFTER INSERT ON "Entities"
                    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION smartcity_postings_inserted();
                CREATE TRIGGER "SearchPostings_Updated" AFTER UPDATE ON "Entities"
                    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION smartcity_postings_updated();
                CREATE TRIGGER "SearchPostings_Deleted" AFTER DELETE ON "Entities"
                    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION smartcity_postings_deleted();
                """);
            // The entities already there.
            migrationBuilder.Sql("""
                INSERT INTO "SearchPostings" ("Lexeme", "Rank", "EntityId")
                SELECT p."Lexeme", p."Rank", e."Id" FROM "Entities" AS e, smartcity_postings(e."SearchVector") AS p;
                ANALYZE "SearchPostings";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "SearchPostings_Inserted" ON "Entities";
                DROP TRIGGER IF EXISTS "SearchPostings_Updated" ON "Entities";
                DROP TRIGGER IF EXISTS "SearchPostings_Deleted" ON "Entities";
                DROP FUNCTION IF EXISTS smartcity_postings_inserted();
                DROP FUNCTION IF EXISTS smartcity_postings_updated();
                DROP FUNCTION IF EXISTS smartcity_postings_deleted();
                DROP TABLE IF EXISTS "SearchPostings";
                DROP FUNCTION IF EXISTS smartcity_postings(tsvector);
                """);
        }
    }
}
