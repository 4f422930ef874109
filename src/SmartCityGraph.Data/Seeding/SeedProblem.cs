namespace SmartCityGraph.Data.Seeding;

/// <summary>One thing wrong with the seed, located precisely enough to fix it by hand.</summary>
public sealed record SeedProblem(string File, string Record, string Field, string Message)
{
    public override string ToString() => $"{File}: record '{Record}', field '{Field}': {Message}";
}

public sealed class SeedValidationException(IReadOnlyList<SeedProblem> problems)
    : Exception($"The seed is invalid; nothing was imported.{Environment.NewLine}" + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<SeedProblem> Problems { get; } = problems;
}
