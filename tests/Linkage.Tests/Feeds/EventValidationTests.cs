using Linkage.Feeds;
using static Linkage.Tests.Feeds.FeedLines;

namespace Linkage.Tests.Feeds;

/// <summary><see cref="FeedLineParser.Validate"/> holds an event made in code to the rules of the line it is sent as.</summary>
public sealed class EventValidationTests
{
    private static readonly Subject Someone = new() { Mid = Mid, Birth = "1950-03", Sex = Sex.F };

    private static FeedEvent Lab(string recordId = "R-1", double value = 8.1, Subject? subject = null) => new()
    {
        Source = "kyoto-univ-lab",
        RecordId = recordId,
        Version = 1,
        Kind = EventKind.Lab,
        Date = new DateOnly(2024, 4, 15),
        Subject = subject ?? Someone,
        Data = new LabData { Code = "3D046000001920402", Value = value, Unit = "%" },
    };

    [Fact]
    public void A_valid_event_comes_back_as_the_event_its_line_parses_to()
    {
        var result = FeedLineParser.Validate(Lab(), LineNumber);

        Assert.True(result.IsAccepted, result.Rejection?.Reason);
        Assert.Equal(Lab(), result.Event);
        Assert.Equal(LineNumber, result.Line);
    }

    [Theory]
    [InlineData("R\u00851")]
    [InlineData("R\u007f1")]
    [InlineData("R\t1")]
    public void A_control_character_in_the_record_id_is_rejected_as_the_line_would_be(string recordId)
    {
        var validated = FeedLineParser.Validate(Lab(recordId), LineNumber);
        var parsed = FeedLineParser.Parse(FeedEventJson.ToJson(Lab(recordId)), LineNumber);

        Assert.False(validated.IsAccepted);
        Assert.Equal(parsed.Rejection, validated.Rejection);
        Assert.StartsWith("recordId: ", validated.Rejection!.Reason);
        Assert.EndsWith("contains a control character", validated.Rejection.Reason);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void A_number_JSON_cannot_hold_is_rejected_naming_the_field(double value, string shown)
    {
        var result = FeedLineParser.Validate(Lab(value: value), LineNumber);

        Assert.Equal($"data.value: {shown} is not a finite number", result.Rejection?.Reason);
    }

    [Fact]
    public void An_implausible_birth_year_is_rejected_with_the_parsers_reason()
    {
        var result = FeedLineParser.Validate(Lab(subject: Someone with { Birth = "1849-12" }), LineNumber);

        Assert.Equal("subject.birth: \"1849-12\" has an implausible year (1850..2100)", result.Rejection?.Reason);
    }

    [Fact]
    public void Data_of_another_kind_than_the_event_is_rejected_rather_than_read_as_the_events_kind()
    {
        var result = FeedLineParser.Validate(Lab() with { Kind = EventKind.Medication }, LineNumber);

        Assert.Equal("data: is lab data but the kind is medication", result.Rejection?.Reason);
    }

    [Fact]
    public void Text_that_is_not_valid_UTF16_is_rejected_not_sent()
    {
        var result = FeedLineParser.Validate(Lab("R-\ud800"), LineNumber);

        Assert.Equal("malformed JSON: the event reads back from its line changed: it holds text that is not valid UTF-16", result.Rejection?.Reason);
    }
}
