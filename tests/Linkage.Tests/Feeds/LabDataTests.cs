using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary>The data of a lab result: JLAC10 code, value, unit.</summary>
public sealed class LabDataTests
{
    [Fact]
    public void A_lab_result_is_read_field_by_field()
    {
        var data = Accepted(DataLine("lab", d => d["unit"] = "mg/dL")).Data;

        Assert.Equal(new LabData { Code = "3D046000001920402", Value = 8.1, Unit = "mg/dL" }, data);
    }

    [Theory]
    [InlineData("code")]
    [InlineData("value")]
    public void Code_and_value_are_required_for_a_lab_result(string field)
    {
        Assert.Equal($"data.{field}: required for kind lab", Rejected(DataLine("lab", d => d.Remove(field))));
    }

    [Fact]
    public void Missing_code_reason_matches_the_documented_example()
    {
        Assert.Equal("data.code: required for kind lab", Rejected(DataLine("lab", d => d.Remove("code"))));
    }

    [Theory]
    [InlineData("3D04600000192040")]
    [InlineData("3D0460000019204021")]
    [InlineData("3D046-00001920402")]
    [InlineData("３D046000001920402")]
    [InlineData("")]
    public void A_code_that_is_not_17_ascii_letters_or_digits_is_rejected(string code)
    {
        Assert.Equal($"data.code: \"{code}\" is not a JLAC10 code (17 letters or digits)", Rejected(DataLine("lab", d => d["code"] = code)));
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("-12", -12.0)]
    [InlineData("1.5e3", 1500.0)]
    [InlineData("0.000001", 0.000001)]
    public void Any_finite_number_is_a_value(string value, double expected)
    {
        var line = Line(Event("lab")).Replace("\"value\":8.1", "\"value\":" + value, StringComparison.Ordinal);

        Assert.Equal(expected, ((LabData)Accepted(line).Data!).Value);
    }

    [Theory]
    [InlineData("\"8.1\"", "data.value: must be a number")]
    [InlineData("true", "data.value: must be a number")]
    [InlineData("1e999", "data.value: 1e999 is not a finite number")]
    [InlineData("-1e400", "data.value: -1e400 is not a finite number")]
    public void A_value_that_is_not_a_finite_number_is_rejected(string value, string reason)
    {
        var line = Line(Event("lab")).Replace("\"value\":8.1", "\"value\":" + value, StringComparison.Ordinal);

        Assert.Equal(reason, Rejected(line));
    }

    [Fact]
    public void A_unit_must_be_a_string()
    {
        Assert.Equal("data.unit: must be a string", Rejected(DataLine("lab", d => d["unit"] = 1)));
    }

    [Fact]
    public void Data_of_another_kind_is_rejected_for_what_it_lacks()
    {
        Assert.Equal("data.code: required for kind lab", Rejected(Line("lab", e => e["data"] = Data("vital"))));
    }
}
