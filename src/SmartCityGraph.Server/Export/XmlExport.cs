using System.Text;
using System.Xml;

namespace SmartCityGraph.Server.Export;

internal static class XmlExport
{
    /// <summary>An asynchronous, indented UTF-8 writer (no BOM) that leaves the stream open.</summary>
    public static XmlWriter Create(Stream output) => XmlWriter.Create(output, new XmlWriterSettings
    {
        Async = true,
        Indent = true,
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        // Sources and summaries may hold characters XML 1.0 forbids (control characters); replace rather than fail.
        CheckCharacters = false,
    });

    /// <summary>Text with the characters XML 1.0 forbids removed.</summary>
    public static string Clean(string text)
    {
        foreach (var c in text)
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)) return new string(text.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
        return text;
    }
}
