using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Safety;

namespace Linkage.Tests.Safety;

public sealed class SsaRequestParserTests
{
    [Fact]
    public void Reads_the_contracts_example()
    {
        var parsed = SsaRequestParser.Parse("""
            {"index": {"kind": "medication", "code": "2149039"},
             "marker": {"kind": "receipt", "code": "K29"},
             "window": 365, "runIn": 365,
             "period": {"from": "2019-01-01", "to": "2024-12-31"},
             "minCell": 10}
            """, minCellFloor: 10);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        Assert.Equal(new CohortCriterion { Kind = EventKind.Medication, Code = "2149039" }, parsed.Request.Index);
        Assert.Equal(new CohortCriterion { Kind = EventKind.Receipt, Code = "K29" }, parsed.Request.Marker);
        Assert.Equal(new DatePeriod { From = new DateOnly(2019, 1, 1), To = new DateOnly(2024, 12, 31) }, parsed.Request.Period);
        Assert.Null(parsed.Request.Screen);
    }

    [Fact]
    public void Defaults_window_run_in_and_min_cell()
    {
        var parsed = SsaRequestParser.Parse("""{"index": {"kind": "receipt", "drug": "3969"}, "marker": {"kind": "death"}}""", minCellFloor: 5);

        Assert.Equal((365, 365, 10), (parsed.Request!.Window, parsed.Request.RunIn, parsed.Request.MinCell));
    }

    [Theory]
    [InlineData("""{"kind": "receipt", "codeLength": 3}""", EventKind.Receipt, "code", 3)]
    [InlineData("""{"kind": "receipt", "drugLength": 4}""", EventKind.Receipt, "drug", 4)]
    [InlineData("""{"kind": "medication", "codeLength": 7}""", EventKind.Medication, "code", 7)]
    public void A_marker_with_a_code_length_is_a_screening(string marker, EventKind kind, string field, int length)
    {
        var parsed = SsaRequestParser.Parse($$"""{"index": {"kind": "medication", "code": "2149"}, "marker": {{marker}}}""", 10);

        Assert.Equal(new MarkerScreen { Kind = kind, Field = field, Length = length }, parsed.Request!.Screen);
        Assert.Null(parsed.Request.Marker);
    }

    [Theory]
    [InlineData("""{"marker": {"kind": "death"}}""", "index: required")]
    [InlineData("""{"index": {"kind": "death"}}""", "marker: required")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "death"}, "window": 0}""", "window: must be from 1 to 3650 days, not 0")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "death"}, "runIn": 4000}""", "runIn: must be from 0 to 3650 days, not 4000")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "death"}, "window": 1.5}""", "window: must be a whole number of days, not 1.5")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "death"}, "minCell": 3}""", "minCell: 3 is below this server's floor of 10")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "death"}, "groupBy": []}""", "groupBy: not a field of a sequence symmetry request (index, marker, window, runIn, period, minCell)")]
    [InlineData("""{"index": {"kind": "drug"}, "marker": {"kind": "death"}}""", "index.kind: \"drug\" is not a kind")]
    [InlineData("""{"index": {"kind": "death", "from": 0}, "marker": {"kind": "death"}}""", "index.from: not a field")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "lab", "codeLength": 3}}""", "marker.kind: \"lab\" is not a kind a screening takes codes of (receipt, medication)")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "receipt", "codeLength": 0}}""", "marker.codeLength: must be from 1 to 32 characters, not 0")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "receipt", "codeLength": 3, "drugLength": 3}}""", "marker.drugLength: a screening marker gives one code length")]
    [InlineData("""{"index": {"kind": "death"}, "marker": {"kind": "receipt", "codeLength": 3, "code": "K"}}""", "marker.code: not a field of a screening marker")]
    [InlineData("""[1]""", "request: must be a JSON object, not an array")]
    public void A_bad_field_is_named(string json, string problem)
    {
        var parsed = SsaRequestParser.Parse(json, 10);

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Written_back_it_reads_equal()
    {
        var request = SsaRequestParser.Parse("""
            {"index": {"kind": "receipt", "drug": "3969"}, "marker": {"kind": "receipt", "drugLength": 4},
             "window": 90, "runIn": 0, "period": {"from": "2020-01-01"}, "minCell": 20}
            """, 10).Request!;

        Assert.Equal(request, SsaRequestParser.Parse(SsaRequestJson.ToJson(request), 10).Request);
    }
}
