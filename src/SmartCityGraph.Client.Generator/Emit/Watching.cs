using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>
/// Queries get <c>Watch()</c> when the schema can tell the client what changed: a subscription root with
/// <c>entityChanged(ids:, since:)</c> and <c>relationChanged(ids:, since:)</c> and a <c>latestRevision</c> query
/// (the documents <c>GraphQLWatch</c> in the runtime sends).
/// </summary>
internal static class Watching
{
    /// <summary>
    /// The documents <c>GraphQLWatch</c> sends (its constants, which a test keeps equal to these): they go into the
    /// client's persisted-document manifest, so <c>Watch()</c> works on a server that runs only trusted documents.
    /// </summary>
    public static readonly string[] Documents =
    {
        "query WatchLatestRevision { latestRevision { number } }",
        "subscription WatchEntityChanges($ids: [ID!], $since: Int) { entityChanged(ids: $ids, since: $since) { revision { number } } }",
        "subscription WatchRelationChanges($ids: [ID!], $since: Int) { relationChanged(ids: $ids, since: $since) { revision { number } } }",
    };

    public static bool IsSupportedBy(GraphQLSchema schema)
    {
        if (schema.SubscriptionType is not { } name || schema.Find(name) is not { } subscription)
        {
            return false;
        }

        return HasArguments(subscription.FindField("entityChanged"))
            && HasArguments(subscription.FindField("relationChanged"))
            && schema.Find(schema.QueryType)?.FindField("latestRevision") is not null;
    }

    private static bool HasArguments(FieldDefinition? field) =>
        field is not null && field.Arguments.Exists(a => a.Name == "ids") && field.Arguments.Exists(a => a.Name == "since");
}
