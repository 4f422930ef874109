using Microsoft.Extensions.DependencyInjection;

namespace SmartCityGraph.GraphQL.Paging;

public static class PagingServiceCollectionExtensions
{
    /// <summary>Registers the generic connection parts that assembly scanning cannot find (open generics).</summary>
    public static IServiceCollection AddPagingGraphTypes(this IServiceCollection services)
    {
        services.AddTransient(typeof(EdgeGraphType<,>));
        services.AddTransient<PageInfoGraphType>();
        return services;
    }
}
