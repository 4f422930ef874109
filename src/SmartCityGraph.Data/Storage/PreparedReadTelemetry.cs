using System.Diagnostics;

namespace SmartCityGraph.Data.Storage;

/// <summary>
/// A client span per prepared read (<c>SqliteReads</c>, <c>PostgresReads</c>), with the statement's text, as EF Core's
/// instrumentation gives one per EF command: a request's trace shows all its SQL whichever path ran it. Collected by
/// the host's OpenTelemetry SDK by <see cref="Name"/>; without a listener no span is made.
/// </summary>
public static class PreparedReadTelemetry
{
    public const string Name = "SmartCityGraph.Data.PreparedReads";

    private static readonly ActivitySource Source = new(Name);

    /// <summary>Starts the span of one statement (null when nobody listens); dispose it when the rows are read.</summary>
    public static Activity? Start(string system, SqlStatement statement)
    {
        if (!Source.HasListeners()) return null;
        var activity = Source.StartActivity(system, ActivityKind.Client);
        activity?.SetTag("db.system", system);
        activity?.SetTag("db.statement", statement.Text);
        return activity;
    }
}
