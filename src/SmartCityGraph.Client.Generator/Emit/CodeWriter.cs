using System.Text;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>Writes indented C# with "\n" line ends, so generated code is the same on every OS.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes text made by another writer, each line at the current indentation.</summary>
    public CodeWriter Lines(string text)
    {
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _text.ToString();
}
