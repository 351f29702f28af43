using System.Text.Json.Nodes;
using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The data of a death certificate: underlying cause, causes, place.</summary>
public sealed class DeathDataTests
{
    [Fact]
    public void A_death_is_read_field_by_field()
    {
        var data = Accepted(DataLine("death", d =>
        {
            d["causes"] = new JsonArray("I21.9", "E11.9", "JP:8830052");
            d["place"] = "home";
        })).Data;

        Assert.Equal(new DeathData { Underlying = "I21.9", Causes = ["I21.9", "E11.9", "JP:8830052"], Place = "home" }, data);
    }

    [Fact]
    public void Underlying_cause_is_required_for_a_death()
    {
        Assert.Equal("data.underlying: required for kind death", Rejected(DataLine("death", d => d.Remove("underlying"))));
    }

    [Theory]
    [InlineData("i21.9")]
    [InlineData("I21.")]
    [InlineData("heart attack")]
    public void An_underlying_cause_that_is_not_icd10_like_is_rejected(string code)
    {
        Assert.Equal(
            $"data.underlying: \"{code}\" is not an ICD-10 code such as E11.9 (or JP: + 7 digits)",
            Rejected(DataLine("death", d => d["underlying"] = code)));
    }

    [Fact]
    public void Each_cause_must_be_icd10_like_and_is_named_by_position()
    {
        Assert.Equal(
            "data.causes[2]: \"J-18\" is not an ICD-10 code such as E11.9 (or JP: + 7 digits)",
            Rejected(DataLine("death", d => d["causes"] = new JsonArray("I21.9", "J18", "J-18"))));
        Assert.Equal("data.causes[0]: must be a string", Rejected(DataLine("death", d => d["causes"] = new JsonArray(21))));
        Assert.Equal("data.causes: must be an array", Rejected(DataLine("death", d => d["causes"] = "I21.9")));
    }

    [Theory]
    [InlineData("hospital")]
    [InlineData("home")]
    [InlineData("facility")]
    [InlineData("other")]
    public void Each_place_is_accepted(string place)
    {
        Assert.Equal(place, ((DeathData)Accepted(DataLine("death", d => d["place"] = place)).Data!).Place);
    }

    [Fact]
    public void An_unknown_place_is_rejected_listing_the_places()
    {
        Assert.Equal(
            "data.place: \"street\" is not one of hospital, home, facility, other",
            Rejected(DataLine("death", d => d["place"] = "street")));
    }
}
