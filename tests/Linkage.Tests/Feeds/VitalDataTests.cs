using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The data of a vital sign: type, value, and the moment with its offset.</summary>
public sealed class VitalDataTests
{
    [Fact]
    public void A_vital_sign_is_read_field_by_field()
    {
        var data = Accepted(Line(Event("vital"))).Data;

        Assert.Equal(new VitalData { Type = "sbp", Value = 128, At = "2024-04-15T08:30:00+09:00" }, data);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("value")]
    [InlineData("at")]
    public void Type_value_and_at_are_required_for_a_vital_sign(string field)
    {
        Assert.Equal($"data.{field}: required for kind vital", Rejected(DataLine("vital", d => d.Remove(field))));
    }

    [Theory]
    [InlineData("sbp")]
    [InlineData("dbp")]
    [InlineData("hr")]
    [InlineData("weight")]
    [InlineData("steps")]
    [InlineData("spo2")]
    [InlineData("glucose")]
    public void Each_vital_type_is_accepted(string type)
    {
        Assert.Equal(type, ((VitalData)Accepted(DataLine("vital", d => d["type"] = type)).Data!).Type);
    }

    [Fact]
    public void An_unknown_vital_type_is_rejected_listing_the_types()
    {
        Assert.Equal(
            "data.type: \"temp\" is not one of sbp, dbp, hr, weight, steps, spo2, glucose",
            Rejected(DataLine("vital", d => d["type"] = "temp")));
    }

    [Fact]
    public void A_value_given_as_a_string_is_rejected()
    {
        Assert.Equal("data.value: must be a number", Rejected(DataLine("vital", d => d["value"] = "128")));
    }

    [Theory]
    [InlineData("2024-04-15T08:30:00+09:00")]
    [InlineData("2024-04-15T08:30:00Z")]
    [InlineData("2024-04-15T08:30Z")]
    [InlineData("2024-04-15T08:30:00.123-05:00")]
    [InlineData("2024-04-15T23:59:59.123456789+14:00")]
    [InlineData("2024-02-29T00:00:00-00:00")]
    public void A_date_time_with_offset_is_kept_as_given(string at)
    {
        Assert.Equal(at, ((VitalData)Accepted(DataLine("vital", d => d["at"] = at)).Data!).At);
    }

    [Theory]
    [InlineData("2024-04-15T08:30:00")]
    [InlineData("2024-04-15 08:30:00+09:00")]
    [InlineData("2024-04-15")]
    [InlineData("2024-04-15T24:00:00Z")]
    [InlineData("2024-04-15T08:60:00Z")]
    [InlineData("2024-04-15T08:30:60Z")]
    [InlineData("2023-02-29T08:30:00Z")]
    [InlineData("2024-04-15T08:30:00+0900")]
    [InlineData("2024-04-15T08:30:00+09")]
    [InlineData("2024-04-15T08:30:00+15:00")]
    [InlineData("2024-04-15T08:30:00.Z")]
    [InlineData("2024-04-15T08:30:00z")]
    [InlineData("2024-04-15T08:30:00Z ")]
    [InlineData("")]
    public void A_moment_without_a_valid_offset_date_time_is_rejected(string at)
    {
        Assert.Equal(
            $"data.at: \"{at}\" is not a date-time with offset, e.g. 2024-04-15T08:30:00+09:00",
            Rejected(DataLine("vital", d => d["at"] = at)));
    }
}
