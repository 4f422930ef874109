using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Filtering;

namespace SmartCityGraph.GraphQL.Tests.Filtering;

public abstract class FilterableFieldsTests(TestEngine engine) : IDisposable
{
    private static readonly FilterableFields<Tag> TagFilter = new FilterableFields<Tag>("Tag").Field("label", t => t.Label);

    private static readonly FilterableFields<Item> ItemFilter = new FilterableFields<Item>("Item")
        .Field("name", i => i.Name)
        .Field("day", i => i.Day)
        .Field("colour", i => i.Colour)
        .Derived<bool>("dated", "Boolean", (dated, _) => dated ? i => i.Day != null : i => i.Day == null)
        .Relation("tags", i => i.Tags, TagFilter);

    private readonly CatalogueDb _db = CatalogueDb.Create(engine);

    public void Dispose() => _db.Dispose();

    private static Dictionary<string, object?> Input(params (string Name, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);

    private int[] Matching(Dictionary<string, object?> where) =>
        [.. _db.Items.Where(ItemFilter.Predicate(where, new ResolveFieldContext())).OrderBy(i => i.Id).Select(i => i.Id)];

    [SkippableFact]
    public void Contains_and_startsWith_ignore_case()
    {
        Assert.Equal([1, 4], Matching(Input(("name", Input(("contains", "forum"))))));
        Assert.Equal([2], Matching(Input(("name", Input(("startsWith", "BETA"))))));
        Assert.Equal([4], Matching(Input(("name", Input(("endsWith", "Forum"), ("neq", "Alpha Forum"))))));
    }

    [SkippableFact]
    public void Date_ranges_compare_in_SQL()
    {
        var march = Input(("day", Input(("gte", new DateOnly(2021, 3, 1)), ("lt", new DateOnly(2021, 4, 1)))));
        Assert.Equal([1, 2, 5], Matching(march));
    }

    [SkippableFact]
    public void Eq_null_finds_missing_values_and_in_takes_lists()
    {
        Assert.Equal([3], Matching(Input(("day", Input(("eq", null))))));
        Assert.Equal([1, 4, 5], Matching(Input(("colour", Input(("in", new List<object?> { Colour.Red, Colour.Blue }))))));
        Assert.Empty(Matching(Input(("colour", Input(("in", new List<object?>()))))));
        Assert.Equal([1, 2, 3, 4, 5], Matching(Input(("name", Input(("nin", new List<object?>()))))));
    }

    [SkippableFact]
    public void And_and_or_compose()
    {
        var redOrUndated = Input(("or", new List<object?>
        {
            Input(("colour", Input(("eq", Colour.Red)))),
            Input(("dated", Input(("eq", false)))),
        }));
        Assert.Equal([1, 3, 5], Matching(redOrUndated));
        Assert.Equal([5], Matching(Input(("and", new List<object?> { redOrUndated, Input(("name", Input(("eq", "Epsilon")))) }))));
        Assert.Empty(Matching(Input(("or", new List<object?>()))));
    }

    [SkippableFact]
    public void Relations_take_some_all_none_and_any()
    {
        var open = Input(("label", Input(("eq", "open"))));
        Assert.Equal([1, 2], Matching(Input(("tags", Input(("some", open))))));
        Assert.Equal([2, 3, 5], Matching(Input(("tags", Input(("all", open))))));
        Assert.Equal([3, 4, 5], Matching(Input(("tags", Input(("none", open))))));
        Assert.Equal([1, 2, 4], Matching(Input(("tags", Input(("any", true))))));
        Assert.Equal([3, 5], Matching(Input(("tags", Input(("any", false))))));
    }

    [SkippableFact]
    public void The_predicate_runs_in_the_database()
    {
        var sql = _db.Items.Where(ItemFilter.Predicate(Input(("name", Input(("contains", "forum")))), new ResolveFieldContext())).ToQueryString();
        Assert.Contains("WHERE", sql);
        Assert.Contains("lower(", sql);
    }

    [SkippableFact]
    public void Comparing_with_null_is_INVALID_INPUT()
    {
        var error = Assert.Throws<GraphQLRequestException>(() => Matching(Input(("day", Input(("gt", null))))));
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
    }

    [SkippableFact]
    public void The_input_type_has_and_or_and_one_field_per_declaration()
    {
        var types = new GeneratedTypes();
        var input = ItemFilter.InputType(types);

        Assert.Equal("ItemFilterInput", input.Name);
        Assert.Equal(["and", "or", "name", "day", "colour", "dated", "tags"], input.Fields.Select(f => f.Name));
        Assert.Equal("StringOperationFilterInput", input.GetField("name")!.ResolvedType!.Name);
        Assert.Equal("DateOperationFilterInput", input.GetField("day")!.ResolvedType!.Name);
        Assert.Equal("ColourOperationFilterInput", input.GetField("colour")!.ResolvedType!.Name);
        Assert.Equal("ListFilterInputTypeOfTagFilterInput", input.GetField("tags")!.ResolvedType!.Name);
        Assert.Same(input, ItemFilter.InputType(types)); // one instance per schema
        var colour = (IInputObjectGraphType)input.GetField("colour")!.ResolvedType!;
        Assert.Equal(["eq", "neq", "in", "nin"], colour.Fields.Select(f => f.Name));
    }
}

public sealed class FilterableFieldsTestsOnSqlite() : FilterableFieldsTests(TestEngine.Sqlite);

public sealed class FilterableFieldsTestsOnPostgres() : FilterableFieldsTests(TestEngine.Postgres);
