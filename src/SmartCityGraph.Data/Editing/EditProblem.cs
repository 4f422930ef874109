namespace SmartCityGraph.Data.Editing;

/// <summary>Why a change was refused; nothing of it was written.</summary>
public abstract record EditProblem(string Message);

/// <summary>A value breaks a rule; <paramref name="Field"/> names it as the input does (<c>sources</c>, <c>endDate</c>, <c>sources[0].url</c>).</summary>
public sealed record ValidationProblem(string Field, string Message) : EditProblem(Message);

/// <summary>What an input field names does not exist (any more); <paramref name="Field"/> is that input field (<c>id</c>, <c>from</c>, <c>revision</c>).</summary>
public sealed record NotFoundProblem(string Field, string Message) : EditProblem(Message);

/// <summary>The subject changed since the version the editor read; nothing was changed.</summary>
public sealed record ConflictProblem(int CurrentVersion, string Message) : EditProblem(Message);

/// <summary>The outcome of one change: its value and revision numbers, or the problems that stopped it.</summary>
public sealed record EditResult<T>(T? Value, IReadOnlyList<int> Revisions, IReadOnlyList<EditProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>Thrown inside a change to refuse it: the write path rolls back and answers with the problems.</summary>
public sealed class EditRejectedException(IReadOnlyList<EditProblem> problems) : Exception(string.Join("; ", problems.Select(p => p.Message)))
{
    public IReadOnlyList<EditProblem> Problems { get; } = problems;
}
