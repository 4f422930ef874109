using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Ids;

namespace SmartCityGraph.GraphQL.Tests.Ids;

public sealed class GlobalIdTests
{
    [Fact]
    public void An_id_is_base64_of_type_and_key_and_round_trips()
    {
        var id = GlobalId.Encode("Pilot", "smart-water");
        Assert.Equal("UGlsb3Q6c21hcnQtd2F0ZXI=", id);
        Assert.Equal(new GlobalId("Pilot", "smart-water"), GlobalId.Parse(id, "Pilot"));
    }

    [Theory]
    [InlineData("Straße-für-Bürger")] // non-ASCII: encoded as UTF-8
    [InlineData("")]
    [InlineData(null)] // a key of 600 characters: longer than the stack buffer
    public void Any_key_encodes_as_base64_of_its_UTF8_text_and_round_trips(string? key)
    {
        key ??= new string('k', 600);
        var id = GlobalId.Encode("Event", key);
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Event:{key}")), id);
        if (key.Length > 0) Assert.Equal(new GlobalId("Event", key), GlobalId.Parse(id, "Event"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("UGlsb3Q=")] // "Pilot": no key
    [InlineData("OnNtYXJ0")] // ":smart": no type
    public void Malformed_ids_are_INVALID_ID(string? id)
    {
        var error = Assert.Throws<GraphQLRequestException>(() => GlobalId.Parse(id, "Pilot"));
        Assert.Equal(ErrorCodes.InvalidId, error.Code);
    }

    [Fact]
    public void An_id_of_the_wrong_kind_is_INVALID_ID_and_says_what_was_expected()
    {
        var error = Assert.Throws<GraphQLRequestException>(() => GlobalId.Parse(GlobalId.Encode("Event", "x"), "Pilot"));
        Assert.Equal(ErrorCodes.InvalidId, error.Code);
        Assert.Contains("Pilot", error.Message);
    }
}
