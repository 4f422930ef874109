using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Tests.Model;

/// <summary>The status rule's three forms — in memory, as a predicate and as a computed value — agree.</summary>
public sealed class EventStatusRuleTests
{
    private static readonly DateOnly Today = new(2022, 5, 10);

    public static TheoryData<string, string?, bool> Events => new()
    {
        { "2022-05-11", null, false },          // tomorrow: planned
        { "2022-05-10", null, false },          // today, one day: ongoing
        { "2022-05-09", null, false },          // yesterday: finished
        { "2022-05-01", "2022-05-10", false },  // ends today: ongoing
        { "2022-05-01", "2022-05-09", false },  // ended yesterday: finished
        { "2022-05-10", "2022-06-01", false },  // starts today: ongoing
        { "2022-06-01", "2022-06-02", true },   // cancelled, whatever the dates
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void The_computed_status_and_the_predicates_agree_with_the_rule(string start, string? end, bool cancelled)
    {
        var e = new Event
        {
            Key = "e", Title = "e", StartDate = DateOnly.Parse(start), EndDate = end is null ? null : DateOnly.Parse(end), Cancelled = cancelled,
        };
        var status = e.StatusOn(Today);

        Assert.Equal(status, EventStatusRule.StatusExpressionOn(Today).Compile()(e));
        foreach (var candidate in Enum.GetValues<EventStatus>())
            Assert.Equal(candidate == status, EventStatusRule.HasStatusOn(candidate, Today).Compile()(e));
    }
}
