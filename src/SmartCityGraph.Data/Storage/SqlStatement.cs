namespace SmartCityGraph.Data.Storage;

/// <summary>A fixed SQL text with named parameters (<c>$ids</c> on SQLite, <c>$1</c> … on
/// PostgreSQL), prepared once per connection and reused by the prepared reads.</summary>
public sealed class SqlStatement(string text, params string[] parameterNames)
{
    public string Text { get; } = text;
    public IReadOnlyList<string> ParameterNames { get; } = parameterNames;

    public override string ToString() => Text;
}
