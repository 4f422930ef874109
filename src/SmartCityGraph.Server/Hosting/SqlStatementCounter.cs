using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Server.Hosting;

/// <summary>
/// Counts the SQL statements each HTTP request runs (EF Core's and the prepared reads') (for <c>extensions.sqlStatements</c>), so tests
/// and benchmarks can prove that batching keeps the count independent of the number of rows.
/// A singleton: the count lives in the request's items, which lets the DbContext be pooled.
/// </summary>
public sealed class SqlStatementCounter(IHttpContextAccessor http) : DbCommandInterceptor, ISqlStatementListener
{
    private static readonly object Key = new();

    public static int CountFor(HttpContext context) => context.Items.TryGetValue(Key, out var count) ? (int)count! : 0;

    public void StatementExecuting(string sql) => Increment();

    private void Increment()
    {
        if (http.HttpContext is { } context) context.Items[Key] = CountFor(context) + 1;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Increment();
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Increment();
        return base.ReaderExecuting(command, eventData, result);
    }
}
