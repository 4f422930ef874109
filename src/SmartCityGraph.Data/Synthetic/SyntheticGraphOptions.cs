namespace SmartCityGraph.Data.Synthetic;

/// <summary>How big a synthetic graph to generate and from which seed (same seed, same graph).</summary>
public sealed record SyntheticGraphOptions(int Entities, int Seed = 42)
{
    public string SourceTitle => $"Synthetic data, generated with seed {Seed}";
}

/// <summary>What was written, for the caller's summary line.</summary>
public sealed record SyntheticGraphResult(int Entities, int Relations);

/// <summary>One progress step: which stage runs and how far it has got.</summary>
public readonly record struct SyntheticGraphProgress(string Stage, long Done, long Total);
