using System.Security.Claims;

namespace SmartCityGraph.Server.SignIn;

/// <summary>Who may change the graph: editors create, update and link; admins also delete and revert.</summary>
public static class EditorRoles
{
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>Any of these may edit (an admin is an editor too).</summary>
    public static readonly string[] Editing = [Editor, Admin];

    public static readonly string[] Administering = [Admin];

    /// <summary>The name recorded on revisions: the token's name, else its subject.</summary>
    public static string Actor(ClaimsPrincipal? user) =>
        user?.Identity?.Name is { Length: > 0 } name ? name
        : user?.FindFirst("preferred_username")?.Value ?? user?.FindFirst("sub")?.Value ?? "unknown";
}
