using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartCityGraph.Data.Storage;

/// <summary>
/// Keeps a context's connection open from its first statement until the context is reset or disposed (for
/// the server: the end of the request), instead of EF Core's open and close around every query. Each open
/// takes a connection from the provider's pool under its lock; a nested request ran 5–11 of them, and
/// under 32 concurrent clients the pool lock was where most threads waited.
/// </summary>
/// <remarks>
/// Only the close after each query is suppressed: resetting a pooled context (or disposing it) still
/// closes the connection and returns it to the provider's pool, so no connection outlives its request.
/// </remarks>
public sealed class ConnectionPerContext : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());
}
