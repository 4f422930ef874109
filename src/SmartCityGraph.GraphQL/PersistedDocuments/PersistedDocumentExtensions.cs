using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartCityGraph.GraphQL.PersistedDocuments;

public static class PersistedDocumentExtensions
{
    /// <summary>
    /// Runs <c>{"documentId": "sha256:…"}</c> requests from the manifests in <paramref name="folder"/> and applies the
    /// trusted-documents policy (<paramref name="configure"/>) to every execution.
    /// </summary>
    public static IGraphQLBuilder AddTrustedDocuments(this IGraphQLBuilder builder, string folder, Action<TrustedDocumentOptions>? configure = null)
    {
        var options = new TrustedDocumentOptions();
        configure?.Invoke(options);
        builder.Services.Register(options);
        builder.Services.Register<PersistedDocumentStore>(services => PersistedDocumentStore.Load(folder,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<PersistedDocumentStore>()), global::GraphQL.DI.ServiceLifetime.Singleton);
        builder.ConfigureExecution<TrustedDocumentHandler>();
        return builder;
    }
}
