namespace SmartCityGraph.Data.Editing;

/// <summary>
/// Told about every committed change: the write path calls it after a transaction with revisions commits, with
/// their numbers in order (live updates subscribe here). Register one with <c>services.AddSingleton</c>; the
/// default does nothing. Called on the writer's thread: return quickly, never throw.
/// </summary>
public interface IChangeNotifier
{
    void Committed(IReadOnlyList<int> revisionNumbers);
}

/// <summary>The default: nobody listens.</summary>
public sealed class NoChangeNotifier : IChangeNotifier
{
    public void Committed(IReadOnlyList<int> revisionNumbers) { }
}
