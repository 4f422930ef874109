using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;

namespace SmartCityGraph.GraphQL.Limits;

public static class DocumentLimitsGraphQLBuilderExtensions
{
    /// <summary>
    /// Makes <see cref="LimitedDocumentBuilder"/> the document builder (replacing GraphQL.NET's) and registers
    /// its <see cref="DocumentLimitOptions"/>, configured by <paramref name="configure"/>.
    /// </summary>
    public static IGraphQLBuilder AddDocumentLimits(this IGraphQLBuilder builder, Action<DocumentLimitOptions>? configure = null)
    {
        var options = new DocumentLimitOptions();
        configure?.Invoke(options);
        builder.Services.Register(options);
        builder.Services.Register<IDocumentBuilder>(new LimitedDocumentBuilder(options));
        return builder;
    }
}
