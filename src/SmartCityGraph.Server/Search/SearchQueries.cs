using System.Security.Cryptography;
using System.Text;
using GraphQL;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Search;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.AsOf;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Search;

/// <summary>One ranked search result; <see cref="Position"/> is its place in the ranking (0 = best), the key of its cursor.</summary>
public sealed record SearchHit(Entity Entity, double Score, string? Highlight, long Position);

public sealed class SearchHitGraphType : ObjectGraphType<SearchHit>
{
    public SearchHitGraphType()
    {
        Name = "SearchHit";
        Description = "An entity that matches a search, with its relevance and a snippet of the matching text.";
        Field<NonNullGraphType<EntityInterface>>("entity").Resolve(ctx => ctx.Source.Entity);
        Field<NonNullGraphType<FloatGraphType>>("score")
            .Description("Relevance, higher is better: bm25 over title (weight 10), other names (5) and summary (1), plus half the bm25 " +
                         "relevance of the other hits related to this entity. Comparable within one search only.")
            .Resolve(ctx => ctx.Source.Score);
        Field<StringGraphType>("highlight")
            .Description("A snippet of the best-matching text with every match between « and » (plain text, not HTML); … marks cut text.")
            .Resolve(ctx => ctx.Source.Highlight);
    }
}

public sealed class SearchConnectionGraphType() : ConnectionGraphType<SearchHitGraphType, SearchHit>(
    "SearchConnection", "Search hits, best first, with cursors to the pages that follow.");

internal static class SearchQueries
{
    /// <summary>How deep paging can reach into a ranking; the ranking has no stable key, so cursors hold offsets.</summary>
    public const int MaxReachableHits = SearchQuery.MaxRankedHits;

    public static void AddSearchQuery(this ObjectGraphType query)
    {
        query.Field<SearchConnectionGraphType>("search")
            .Description($"Full-text search over the titles, other names and summaries of every entity, best match first. " +
                         $"Ignores case and diacritics (Bürger = burger), matches word prefixes (hardenberg finds Hardenbergplatz), " +
                         $"needs every word and reads any punctuation or operator as a word break. At most {SearchQuery.MaxLength} characters; " +
                         $"paging reaches the first {MaxReachableHits} hits.")
            .Argument<NonNullGraphType<StringGraphType>>("query", $"Words to find (1–{SearchQuery.MaxLength} characters).")
            .Argument<ListGraphType<NonNullGraphType<NodeKindGraphType>>>("kinds", "Only entities of these kinds.")
            .Argument<IntGraphType>("first", $"Hits per page (default {PageRequest.DefaultPageSize}, at most {PageRequest.MaxPageSize}).")
            .Argument<StringGraphType>("after", "Start after this cursor (of the same search).")
            .ResolveAsync(async ctx =>
            {
                if (!SearchQuery.TryParse(ctx.GetArgument<string>("query"), out var search, out var error))
                    throw GraphQLRequestException.InvalidInput(error);
                var kinds = ctx.GetArgument<List<NodeKind>?>("kinds");
                var scope = Scope(search, kinds);
                var page = PageRequest.Create(ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), null, null, scope);
                var offset = page.After is null ? 0 : page.After.Key + 1;
                if (offset is < 0 or >= MaxReachableHits)
                    throw GraphQLRequestException.InvalidInput($"Paging reaches only the first {MaxReachableHits} hits of a search; refine the search instead.");

                var index = ctx.ReadServices().GetRequiredService<ISearchIndex>();
                var take = (int)Math.Min(page.Size + 1, MaxReachableHits - offset);
                // Read only what the selection uses of the hits: snippets when `highlight` is asked for, and of each entity
                // the members its selected fields declared (entity { id kind title }: not the summaries, the kind's own
                // fields and the sources' JSON, which were most of a search's allocations).
                var members = ProjectionBuilder.ReadsOfItemField(ctx, "entity");
                var reads = new SearchReads(ProjectionBuilder.SelectsOnItems(ctx, "highlight"), members);
                var matches = await index.SearchAsync(search, kinds, (int)offset, take, reads, ctx.CancellationToken);
                List<SearchHit> hits;
                if (members is not null && matches.All(m => m.Entity is not null))
                {
                    // Entities with only the selected members: they answer this selection but must not stand in for whole
                    // entities in later lookups, so they are not remembered.
                    hits = matches.Select((m, i) => new SearchHit(m.Entity!, m.Score, m.Highlight, offset + i)).ToList();
                }
                else
                {
                    // Whole entities the index read with its hits serve later lookups too; any others are read by id.
                    ctx.Graph().Remember(matches.Select(m => m.Entity).OfType<Entity>());
                    var entities = await ctx.EntitiesAsync(matches.Select(m => m.EntityId));
                    hits = matches.Where(m => entities.ContainsKey(m.EntityId))
                        .Select((m, i) => new SearchHit(entities[m.EntityId], m.Score, m.Highlight, offset + i))
                        .ToList();
                }
                // The index may have counted the matches with the page (all of them, below its scoring cap): no second statement then.
                var counted = matches.Count > 0 ? matches[0].MatchCount : null;
                return Connection<SearchHit>.FromRows(hits, page, scope, h => h.Position,
                    () => new DeferredResult<int>(ct => counted is { } total ? Task.FromResult(total) : index.CountAsync(search, kinds, ct)));
            });
    }

    /// <summary>Cursors belong to one search: the same words and kinds.</summary>
    private static string Scope(SearchQuery search, IReadOnlyCollection<NodeKind>? kinds)
    {
        var text = search.Normalized.ToLowerInvariant() + "|" + string.Join(",", (kinds ?? []).Distinct().Order());
        return "Query.search|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
