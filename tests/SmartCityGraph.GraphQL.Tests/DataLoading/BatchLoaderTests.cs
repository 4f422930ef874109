using SmartCityGraph.GraphQL.DataLoading;

namespace SmartCityGraph.GraphQL.Tests.DataLoading;

public sealed class BatchLoaderTests
{
    private readonly List<IReadOnlyList<int>> fetches = [];

    private BatchLoader<int, string?> Loader() => new((keys, _) =>
    {
        fetches.Add(keys.ToList());
        return Task.FromResult<IReadOnlyDictionary<int, string?>>(keys.Where(k => k > 0).ToDictionary(k => k, k => (string?)$"v{k}"));
    }, missing: null);

    [Fact]
    public async Task Keys_asked_for_before_the_first_await_share_one_fetch()
    {
        var loader = Loader();
        var a = loader.Load(1);
        var b = loader.Load(2);
        var again = loader.Load(1);

        Assert.Equal("v2", await b.GetResultAsync());
        Assert.Equal("v1", await a.GetResultAsync());
        Assert.Equal("v1", await again.GetResultAsync());
        Assert.Equal([[1, 2]], fetches);
    }

    [Fact]
    public async Task Keys_asked_for_after_a_fetch_start_a_new_batch_and_cached_keys_are_not_fetched_again()
    {
        var loader = Loader();
        await loader.Load(1).GetResultAsync();

        var next = loader.Load(3);
        var cached = loader.Load(1);

        Assert.Equal("v3", await next.GetResultAsync());
        Assert.Equal("v1", await cached.GetResultAsync());
        Assert.Equal([[1], [3]], fetches);
        Assert.Equal(2, loader.FetchCount);
    }

    [Fact]
    public async Task A_key_the_fetch_does_not_return_gets_the_missing_value()
    {
        Assert.Null(await Loader().Load(-5).GetResultAsync());
    }

    [Fact]
    public async Task Then_maps_a_result_without_fetching_again()
    {
        var loader = Loader();
        Assert.Equal(2, await loader.Load(7).Then(v => v!.Length).GetResultAsync());
        Assert.Single(fetches);
    }

    [Fact]
    public async Task Primed_values_answer_their_keys_without_a_fetch_and_never_replace_a_known_key()
    {
        var loader = Loader();
        Assert.Equal("v1", await loader.Load(1).GetResultAsync());

        loader.Prime([new(1, "primed 1"), new(2, "primed 2")]);
        var other = loader.Load(3);

        Assert.Equal("primed 2", await loader.Load(2).GetResultAsync());
        Assert.Equal("v1", await loader.Load(1).GetResultAsync());
        Assert.Equal("v3", await other.GetResultAsync());
        Assert.Equal([[1], [3]], fetches);
    }
}
