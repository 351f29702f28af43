using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The data of a surgery: K-code, complication, length of stay.</summary>
public sealed class SurgeryDataTests
{
    [Fact]
    public void A_surgery_is_read_field_by_field()
    {
        var data = Accepted(DataLine("surgery", d =>
        {
            d["complication"] = false;
            d["los"] = 12;
        })).Data;

        Assert.Equal(new SurgeryData { Code = "K5493", Complication = false, Los = 12 }, data);
    }

    [Fact]
    public void Complication_is_unknown_when_not_given()
    {
        Assert.Null(((SurgeryData)Accepted(Line(Event("surgery"))).Data!).Complication);
    }

    [Fact]
    public void Code_is_required_for_a_surgery()
    {
        Assert.Equal("data.code: required for kind surgery", Rejected(DataLine("surgery", d => d.Remove("code"))));
    }

    [Fact]
    public void An_empty_code_is_rejected()
    {
        Assert.Equal("data.code: must not be empty", Rejected(DataLine("surgery", d => d["code"] = "")));
    }

    [Fact]
    public void Complication_must_be_a_boolean()
    {
        Assert.Equal("data.complication: must be a boolean", Rejected(DataLine("surgery", d => d["complication"] = "yes")));
    }

    [Fact]
    public void Length_of_stay_must_be_a_non_negative_integer()
    {
        Assert.Equal("data.los: must be at least 0, not -2", Rejected(DataLine("surgery", d => d["los"] = -2)));
        Assert.Equal("data.los: must be a number", Rejected(DataLine("surgery", d => d["los"] = "12")));
    }
}
