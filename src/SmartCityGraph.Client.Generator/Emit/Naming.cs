using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>GraphQL names as C# names.</summary>
internal static class Naming
{
    /// <summary>"startDate" → "StartDate"; "ONLINE_CONSULTATION" → "OnlineConsultation".</summary>
    public static string Pascal(string name)
    {
        var allCaps = name.ToUpperInvariant() == name;
        var result = new StringBuilder();
        var upperNext = true;
        foreach (var c in name)
        {
            if (c == '_')
            {
                upperNext = true;
                continue;
            }

            result.Append(upperNext ? char.ToUpperInvariant(c) : allCaps ? char.ToLowerInvariant(c) : c);
            upperNext = false;
        }

        return result.Length == 0 ? "_" : Identifier(result.ToString());
    }

    /// <summary>A GraphQL variable as a C# parameter: "first" → "first", "event" → "@event".</summary>
    public static string Parameter(string name)
    {
        var camel = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return Identifier(camel);
    }

    /// <summary>A C# string literal of <paramref name="value"/>.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.VarKeyword
            ? "@" + name
            : name;
}
