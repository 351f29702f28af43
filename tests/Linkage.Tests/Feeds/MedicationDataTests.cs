using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The data of a medication: YJ code and days of supply.</summary>
public sealed class MedicationDataTests
{
    [Fact]
    public void A_medication_is_read_field_by_field()
    {
        var data = Accepted(DataLine("medication", d => d["days"] = 14)).Data;

        Assert.Equal(new MedicationData { Code = "3969007F1020", Days = 14 }, data);
    }

    [Fact]
    public void Code_is_required_for_a_medication()
    {
        Assert.Equal("data.code: required for kind medication", Rejected(DataLine("medication", d => d.Remove("code"))));
    }

    [Fact]
    public void An_empty_code_is_rejected()
    {
        Assert.Equal("data.code: must not be empty", Rejected(DataLine("medication", d => d["code"] = "")));
    }

    [Fact]
    public void A_code_over_32_characters_is_rejected()
    {
        Assert.EndsWith("is longer than 32 characters", Rejected(DataLine("medication", d => d["code"] = new string('1', 33))));
    }

    [Fact]
    public void A_code_given_as_a_number_is_rejected()
    {
        Assert.Equal("data.code: must be a string", Rejected(DataLine("medication", d => d["code"] = 3969007)));
    }

    [Theory]
    [InlineData("-1", "data.days: must be at least 0, not -1")]
    [InlineData("7.5", "data.days: must be an integer, not 7.5")]
    [InlineData("\"7\"", "data.days: must be a number")]
    public void Days_must_be_a_non_negative_integer(string days, string reason)
    {
        var line = Line(Event("medication")).Replace("\"code\":\"3969007F1020\"", "\"code\":\"3969007F1020\",\"days\":" + days, StringComparison.Ordinal);

        Assert.Equal(reason, Rejected(line));
    }
}
