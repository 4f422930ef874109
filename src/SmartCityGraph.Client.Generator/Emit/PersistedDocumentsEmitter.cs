using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Analysis;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>
/// The client's trusted (persisted) documents: every operation's id (<c>sha256:</c> + the hex SHA-256 of the exact
/// document it sends) and <c>{Client}PersistedDocuments.All</c>. The file also carries the manifest as JSON between
/// the <see cref="ManifestStart"/> and <see cref="ManifestEnd"/> lines (disabled text to the compiler), which the
/// package's build copies to <c>$(SmartCityClientPersistedManifest)</c> for the server to load.
/// </summary>
internal static class PersistedDocumentsEmitter
{
    public const string ManifestStart = "#if SMARTCITY_PERSISTED_DOCUMENTS_MANIFEST";
    public const string ManifestEnd = "#endif";

    private const string Generated = "[global::System.CodeDom.Compiler.GeneratedCode(\"SmartCityGraph.Client.Generator\", \"1.0\")]";

    /// <summary>The id the server knows the document by (the same rule as the server's and the TypeScript client's).</summary>
    public static string IdOf(string document)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(document));
        var text = new StringBuilder("sha256:", 7 + 64);
        foreach (var b in hash)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static GeneratedFile Emit(IReadOnlyList<OperationModel> operations, string ns, string clientName, bool watchable)
    {
        var watched = watchable && operations.Any(o => o.Kind == OperationType.Query) ? Watching.Documents : System.Array.Empty<string>();
        var documents = operations.Select(o => o.Document).Concat(watched)
            .Select(document => (Id: IdOf(document), Document: document))
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .OrderBy(d => d.Id, System.StringComparer.Ordinal)
            .ToList();

        var code = GeneratedFileHeader.Start(ns);
        code.Line("/// <summary>The documents of " + clientName + " by id, as the server's trusted-document manifest lists them.</summary>");
        code.Line(Generated);
        code.Open("public static class " + clientName + "PersistedDocuments");
        code.Open("public static global::System.Collections.Generic.IReadOnlyDictionary<string, string> All { get; } = new global::System.Collections.Generic.Dictionary<string, string>");
        foreach (var (id, document) in documents)
        {
            code.Line("[" + Naming.Literal(id) + "] = " + Naming.Literal(document) + ",");
        }

        code.Close(";");
        code.Close();
        var text = new StringBuilder(code.ToString());

        // Disabled text to the compiler; the build's manifest step reads it.
        text.Append(ManifestStart).Append('\n').Append("{\n");
        for (var i = 0; i < documents.Count; i++)
        {
            text.Append("  ").Append(JsonString(documents[i].Id)).Append(": ").Append(JsonString(documents[i].Document))
                .Append(i + 1 < documents.Count ? ",\n" : "\n");
        }

        text.Append("}\n").Append(ManifestEnd).Append('\n');
        return new GeneratedFile(clientName + ".PersistedDocuments.g.cs", text.ToString());
    }

    private static string JsonString(string value)
    {
        var text = new StringBuilder("\"", value.Length + 2);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
