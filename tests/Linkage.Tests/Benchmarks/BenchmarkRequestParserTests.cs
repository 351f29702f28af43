using Linkage.Benchmarks;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Benchmarks;

/// <summary>Reading benchmark-v1 requests: the contract's example, the defaults, and each refusal naming its field.</summary>
public sealed class BenchmarkRequestParserTests
{
    private const string Example = """
        {"indicator": {"entry": {"kind": "receipt", "code": "I21"},
                       "period": {"from": "2021-01-01", "to": "2023-12-31"},
                       "outcome": {"kind": "death", "from": 0, "to": 30}},
         "adjust": ["sex", "age10"], "limits": [0.95, 0.998], "overdispersion": false, "minCell": 10}
        """;

    [Fact]
    public void The_contract_example_reads_as_written()
    {
        var result = BenchmarkRequestParser.Parse(Example, minCellFloor: 10);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var request = result.Request;
        Assert.Equal(new CohortCriterion { Kind = EventKind.Receipt, Code = "I21" }, request.Indicator.Entry);
        Assert.Equal(new DatePeriod { From = new DateOnly(2021, 1, 1), To = new DateOnly(2023, 12, 31) }, request.Indicator.Period);
        Assert.Equal(new CohortCriterion { Kind = EventKind.Death, From = 0, To = 30 }, request.Indicator.Outcome);
        Assert.Equal([GroupKey.Sex, GroupKey.Age10], request.Adjust.ToArray());
        Assert.Equal([0.95, 0.998], request.Limits.ToArray());
        Assert.False(request.Overdispersion);
        Assert.Equal(10, request.MinCell);
    }

    [Fact]
    public void Only_the_indicator_is_required_and_the_rest_takes_the_contract_defaults()
    {
        var result = BenchmarkRequestParser.Parse("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}}}""", 10);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal([GroupKey.Sex, GroupKey.Age10], result.Request.Adjust.ToArray());
        Assert.Equal([0.95, 0.998], result.Request.Limits.ToArray());
        Assert.False(result.Request.Overdispersion);
        Assert.Equal(10, result.Request.MinCell);
    }

    [Fact]
    public void Adjust_may_name_pref_and_overdispersion_may_be_asked_for()
    {
        var result = BenchmarkRequestParser.Parse(
            """{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"adjust":["pref"],"limits":[0.9],"overdispersion":true,"minCell":20}""", 10);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal([GroupKey.Pref], result.Request.Adjust.ToArray());
        Assert.Equal([0.9], result.Request.Limits.ToArray());
        Assert.True(result.Request.Overdispersion);
        Assert.Equal(20, result.Request.MinCell);
        Assert.Equal(20, result.Request.Indicator.MinCell);
    }

    [Theory]
    [InlineData("""{"adjust":["sex"]}""", "indicator: required (a cohort-v1 definition with an outcome)")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"}}}""", "indicator.outcome: required (the outcome each facility is measured on)")]
    [InlineData("""{"indicator":{"outcome":{"kind":"death"}}}""", "indicator.entry: required")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"},"groupBy":["sex"]}}""", "indicator.groupBy: not allowed in a benchmark indicator (facilities are compared on the outcome alone)")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"},"survival":{"step":30}}}""", "indicator.survival: not allowed in a benchmark indicator (facilities are compared on the outcome alone)")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","cod":"I21"},"outcome":{"kind":"death"}}}""", "indicator.entry.cod: not a field of a receipt criterion (code, procedure, drug)")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death","from":"0"}}}""", "indicator.outcome.from: must be a whole number of days, not a string")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"adjust":["entryYear"]}""", "adjust[0]: \"entryYear\" is not an adjustment key (sex, age10, pref)")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"adjust":["sex","sex"]}""", "adjust[1]: \"sex\" is already in adjust")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"adjust":"sex"}""", "adjust: must be an array of keys (sex, age10, pref), not a string")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"limits":[0.95,1]}""", "limits[1]: a coverage is strictly between 0 and 1, not 1")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"limits":[]}""", "limits: must be a non-empty array of coverages between 0 and 1, not an array")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"overdispersion":"yes"}""", "overdispersion: must be true or false, not a string")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"minCell":5}""", "minCell: 5 is below this server's floor of 10")]
    [InlineData("""{"indicator":{"entry":{"kind":"receipt","code":"I21"},"outcome":{"kind":"death"}},"minCells":10}""", "minCells: not a field of a benchmark request (indicator, adjust, limits, overdispersion, minCell)")]
    [InlineData("""[1]""", "request: must be a JSON object, not an array")]
    public void A_bad_request_is_refused_naming_the_field(string json, string problem)
    {
        var result = BenchmarkRequestParser.Parse(json, minCellFloor: 10);

        Assert.False(result.IsValid);
        Assert.Contains(problem, result.Problems);
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_position()
    {
        var result = BenchmarkRequestParser.Parse("""{"indicator": """, 10);

        Assert.False(result.IsValid);
        Assert.StartsWith("malformed JSON", Assert.Single(result.Problems));
    }

    [Fact]
    public void A_request_written_back_reads_back_equal()
    {
        var request = BenchmarkRequestParser.Parse(Example, 10).Request!;

        var again = BenchmarkRequestParser.Parse(BenchmarkRequestJson.ToJson(request), 10);

        Assert.Equal(request, again.Request);
    }
}
