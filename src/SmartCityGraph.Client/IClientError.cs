using System.Text.Json;

namespace SmartCityGraph.Client;

/// <summary>
/// An error of an operation: one the server reported (its <c>message</c>, <c>extensions.code</c> and
/// <c>path</c>) or one the client met on the way (see <see cref="ClientErrorCodes"/>).
/// </summary>
public interface IClientError
{
    /// <summary>What went wrong, for people.</summary>
    string Message { get; }

    /// <summary>What went wrong, for code: the server's <c>extensions.code</c> (e.g. <c>INVALID_ID</c>) or a <see cref="ClientErrorCodes"/> value.</summary>
    string? Code { get; }

    /// <summary>Where in the result it happened: field names and list indexes; null for a request-wide error.</summary>
    IReadOnlyList<object>? Path { get; }

    /// <summary>The error's <c>extensions</c> as sent by the server.</summary>
    IReadOnlyDictionary<string, JsonElement>? Extensions { get; }

    /// <summary>The exception behind an error the client met, if any.</summary>
    Exception? Exception { get; }
}

/// <inheritdoc cref="IClientError"/>
public sealed record ClientError(
    string Message,
    string? Code = null,
    IReadOnlyList<object>? Path = null,
    IReadOnlyDictionary<string, JsonElement>? Extensions = null,
    Exception? Exception = null) : IClientError
{
    /// <summary>"CODE: message (at a.b.0)" — the form used in exception messages.</summary>
    public override string ToString() =>
        (Code is null ? string.Empty : Code + ": ") + Message + (Path is { Count: > 0 } ? " (at " + string.Join(".", Path) + ")" : string.Empty);
}
