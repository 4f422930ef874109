using System.Text.Json;

namespace SmartCityGraph.Client;

/// <summary>The outcome of an operation: its typed data (when there is any) and its errors.</summary>
/// <typeparam name="TResult">The operation's result interface, e.g. <c>IGetPilotsResult</c>.</typeparam>
public interface IOperationResult<out TResult>
    where TResult : class
{
    /// <summary>The typed data; null when the request failed as a whole.</summary>
    TResult? Data { get; }

    /// <summary>The server's errors and the client's own (network, HTTP status, unreadable answer); empty on success.</summary>
    IReadOnlyList<IClientError> Errors { get; }

    /// <summary>The response's top-level <c>extensions</c> (cost report, statement counts, …).</summary>
    IReadOnlyDictionary<string, JsonElement> Extensions { get; }
}

/// <inheritdoc cref="IOperationResult{TResult}"/>
public sealed record OperationResult<TResult>(
    TResult? Data,
    IReadOnlyList<IClientError> Errors,
    IReadOnlyDictionary<string, JsonElement> Extensions) : IOperationResult<TResult>
    where TResult : class;
