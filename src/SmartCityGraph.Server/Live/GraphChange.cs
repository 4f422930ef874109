using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.History;

namespace SmartCityGraph.Server.Live;

/// <summary>
/// One revision as the change bus hands it to subscriptions, with the ids every subscription filters on worked
/// out once per revision (not once per subscriber): the subject's global id and, for a relation, its ends'.
/// </summary>
public sealed record GraphChange(Revision Revision, string SubjectId, string? FromId, string? ToId)
{
    public static GraphChange Of(Revision revision)
    {
        if (revision.SubjectType == RevisionSubject.Entity)
            return new GraphChange(revision, RevisionGraphType.SubjectId(revision), null, null);
        // A relation's image names its ends as "Kind:key" — the text a global id encodes.
        var image = RevisionImages.Relation(revision.After ?? revision.Before!);
        return new GraphChange(revision, RevisionGraphType.SubjectId(revision), EntityId(image.From), EntityId(image.To));
    }

    private static string EntityId(string reference)
    {
        var colon = reference.IndexOf(':');
        return SmartCityGraph.GraphQL.Ids.GlobalId.Encode(reference[..colon], reference[(colon + 1)..]);
    }
}
