using GraphQL.DI;
using GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace SmartCityGraph.GraphQL.Documents;

public static class DocumentCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="ValidatedDocumentCache"/> (bounded by <paramref name="configure"/>'s options) and
    /// the execution step that uses it. Register it alongside <c>services.AddGraphQL(…)</c>, which builds the
    /// document executer from every <see cref="IConfigureExecution"/>. Also replaces the document validator with
    /// <see cref="OperationRulesValidator"/>, which validates the same but skips a walk for the rules of cached documents.
    /// </summary>
    public static IServiceCollection AddValidatedDocumentCache(this IServiceCollection services, Action<DocumentCacheOptions>? configure = null)
    {
        var options = new DocumentCacheOptions();
        configure?.Invoke(options);
        services.AddSingleton(new ValidatedDocumentCache(options));
        services.AddSingleton<IConfigureExecution, DocumentCacheExecution>();
        // A cached document's per-request rules need no walk of the document before its arguments are parsed.
        services.AddSingleton<IDocumentValidator>(new OperationRulesValidator(new DocumentValidator()));
        return services;
    }
}
