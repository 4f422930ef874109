using GraphQL.DI;
using Microsoft.Extensions.DependencyInjection;

namespace SmartCityGraph.GraphQL.Documents;

public static class DocumentCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="ValidatedDocumentCache"/> (bounded by <paramref name="configure"/>'s options) and
    /// the execution step that uses it. Register it alongside <c>services.AddGraphQL(…)</c>, which builds the
    /// document executer from every <see cref="IConfigureExecution"/>.
    /// </summary>
    public static IServiceCollection AddValidatedDocumentCache(this IServiceCollection services, Action<DocumentCacheOptions>? configure = null)
    {
        var options = new DocumentCacheOptions();
        configure?.Invoke(options);
        services.AddSingleton(new ValidatedDocumentCache(options));
        services.AddSingleton<IConfigureExecution, DocumentCacheExecution>();
        return services;
    }
}
