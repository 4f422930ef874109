using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Scalars;

namespace SmartCityGraph.GraphQL.Mutations;

public static class MutationServiceCollectionExtensions
{
    /// <summary>Registers the mutation conventions' error types and the JSON scalar.</summary>
    public static IServiceCollection AddMutationGraphTypes(this IServiceCollection services)
    {
        services.AddTransient<ErrorInterfaceGraphType>();
        services.AddTransient<ValidationErrorGraphType>();
        services.AddTransient<NotFoundErrorGraphType>();
        services.AddTransient<ConflictErrorGraphType>();
        services.AddTransient<JsonGraphType>();
        return services;
    }
}
