using GraphQL;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>The checked paging arguments of one connection field.</summary>
public sealed record PageRequest(int Size, bool Backward, Cursor? After, Cursor? Before)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    /// <summary>Reads first/after/last/before; refuses what would be unbounded or ambiguous.</summary>
    public static PageRequest From(IResolveFieldContext context, string scope)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        var after = context.GetArgument<string?>("after");
        var before = context.GetArgument<string?>("before");
        return Create(first, after, last, before, scope);
    }

    public static PageRequest Create(int? first, string? after, int? last, string? before, string scope)
    {
        if (first is not null && last is not null)
            throw GraphQLRequestException.InvalidInput("Use either 'first' or 'last', not both.");
        var size = first ?? last ?? DefaultPageSize;
        var argument = last is not null ? "last" : "first";
        if (size < 0) throw GraphQLRequestException.InvalidInput($"'{argument}' must not be negative.");
        if (size > MaxPageSize)
            throw new GraphQLRequestException(ErrorCodes.PageSizeExceeded,
                $"'{argument}' is {size}, but a page holds at most {MaxPageSize} items.");
        return new PageRequest(size, last is not null,
            after is null ? null : Cursor.Decode(after, scope, "after"),
            before is null ? null : Cursor.Decode(before, scope, "before"));
    }

    /// <summary>A stable text for this request, for naming the loader that serves it.</summary>
    public string CacheKey => $"{Size}|{Backward}|{After?.Encode()}|{Before?.Encode()}";
}
