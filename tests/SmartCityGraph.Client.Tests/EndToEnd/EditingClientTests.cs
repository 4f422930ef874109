using SmartCityGraph.Client.Sample;

namespace SmartCityGraph.Client.Tests.EndToEnd;

/// <summary>The generated client edits like it reads: input objects in, typed payload errors out, the bearer token from the builder.</summary>
public sealed class EditingClientTests(LiveServer server) : IClassFixture<LiveServer>
{
    private static CreateEventInput Workshop(IReadOnlyList<SourceInput> sources) => new()
    {
        Title = "Client workshop",
        StartDate = new DateOnly(2023, 5, 4),
        Category = EventCategory.Participation,
        Type = EventType.Workshop,
        Sources = sources,
        Comment = "from the typed client",
    };

    private static readonly SourceInput[] PressRelease = [new SourceInput { Title = "Press release", Url = "https://example.org/press" }];

    [Fact]
    public async Task Without_a_token_a_mutation_is_refused_UNAUTHENTICATED()
    {
        var result = await server.Client.CreateEvent.ExecuteAsync(Workshop(PressRelease));

        Assert.True(result.IsErrorResult());
        Assert.Equal("UNAUTHENTICATED", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task An_editor_creates_and_updates_an_event_and_reads_a_conflict_as_a_typed_error()
    {
        var created = (await server.EditorClient.CreateEvent.ExecuteAsync(Workshop(PressRelease))).EnsureNoErrors().CreateEvent;
        Assert.Null(created.Errors);
        var evt = created.Event!;
        Assert.Equal((1, new DateOnly(2023, 5, 4)), (evt.Version, evt.StartDate));

        var updated = (await server.EditorClient.UpdateEvent.ExecuteAsync(new UpdateEventInput
        {
            Id = evt.Id, ExpectedVersion = 1, Summary = "Updated by the client.", Sources = PressRelease,
        })).EnsureNoErrors().UpdateEvent;
        var stale = (await server.EditorClient.UpdateEvent.ExecuteAsync(new UpdateEventInput
        {
            Id = evt.Id, ExpectedVersion = 1, Summary = "Stale.", Sources = PressRelease,
        })).EnsureNoErrors().UpdateEvent;

        Assert.Equal((2, "Updated by the client."), (updated.Event!.Version, updated.Event.Summary));
        var conflict = Assert.IsAssignableFrom<IUpdateEvent_UpdateEvent_Errors_ConflictError>(Assert.Single(stale.Errors!));
        Assert.Equal(2, conflict.CurrentVersion);
        Assert.False(string.IsNullOrEmpty(Assert.IsAssignableFrom<IChangeErrors>(conflict).Message));

        var history = (await server.Client.GetHistory.ExecuteAsync(evt.Id, 10)).EnsureNoErrors().Node;
        var entity = Assert.IsAssignableFrom<IGetHistory_Node_Entity>(history);
        Assert.Equal([RevisionAction.Create, RevisionAction.Update], entity.History.Nodes.Select(r => r.Action));
        Assert.All(entity.History.Nodes, r => Assert.Equal("Client Test", r.Actor));
    }

    [Fact]
    public async Task A_change_without_a_source_is_a_typed_ValidationError_naming_sources()
    {
        var refused = (await server.EditorClient.CreateEvent.ExecuteAsync(Workshop([]))).EnsureNoErrors().CreateEvent;

        Assert.Null(refused.Event);
        var error = Assert.IsAssignableFrom<ICreateEvent_CreateEvent_Errors_ValidationError>(Assert.Single(refused.Errors!));
        Assert.Equal("sources", error.Field);
    }
}
