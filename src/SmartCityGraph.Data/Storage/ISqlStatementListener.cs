namespace SmartCityGraph.Data.Storage;

/// <summary>
/// Told of each SQL statement the prepared reads run outside EF Core (EF Core's own statements reach its
/// command interceptors), e.g. to count a request's statements.
/// </summary>
public interface ISqlStatementListener
{
    void StatementExecuting(string sql);
}
