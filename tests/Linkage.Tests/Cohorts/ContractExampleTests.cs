using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkage.Cohorts;

namespace Linkage.Tests.Cohorts;

/// <summary>The examples of cohort-v1.md, copied into the tests: the definition reads as it says, the answer has its shape.</summary>
public sealed class ContractExampleTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void The_contract_example_definition_is_read_as_it_says()
    {
        var result = CohortDefinitionParser.Parse(CohortDefinitionExample.Json, CohortRecords.Floor);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(CohortDefinitionExample.Expected, result.Definition);
    }

    [Fact]
    public void The_contract_example_answer_is_what_its_tally_publishes()
    {
        // The contract's example lists two of the groups; with all of them, a lone suppressed 3 would be the total
        // minus the others, so here the suppressed groups add up to 10 (7 + 3) and none needs a complement.
        const string example = """
            {"asOf": "2026-11-24T03:12:09Z", "minCell": 10, "total": 1234,
             "groups": [{"key": {"sex": "F", "age10": "60-69"}, "count": 57},
                        {"key": {"sex": "F", "age10": "80-89"}, "count": null},
                        {"key": {"sex": "F", "age10": "90+"},   "count": null},
                        {"key": {"sex": "M", "age10": "60-69"}, "count": 1167}],
             "suppressed": 2}
            """;
        var definition = CohortRecords.Definition("""{"entry":{"kind":"death"},"groupBy":["sex","age10"]}""");
        var tally = new CohortTally
        {
            Total = 1234,
            Groups = [Group(57, "F", "60-69"), Group(7, "F", "80-89"), Group(3, "F", "90+"), Group(1167, "M", "60-69")],
            Survival = [],
        };

        var answer = CohortAnswers.Publish(definition, tally, DateTimeOffset.Parse("2026-11-24T12:12:09+09:00"), CohortRecords.Floor);

        Assert.Equal(Compact(example), CohortAnswerJson.ToJson(answer));
    }

    [Fact]
    public void The_contract_example_interval_is_what_its_counts_give()
    {
        const string example = """
            {"from": 0, "to": 29, "atRisk": 1234, "events": 12, "censored": 40, "survival": 0.9901}
            """;
        var definition = CohortRecords.Definition("""{"entry":{"kind":"receipt"},"outcome":{"kind":"death"},"survival":{"step":30}}""");
        var tally = new CohortTally
        {
            Total = 1234,
            Groups = [Group(1234)],
            Survival = [new SurvivalCounts { Key = [], Events = [12, 0], Censored = [40, 1182] }],
        };

        var answer = CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, CohortRecords.Floor);

        var first = JsonNode.Parse(CohortAnswerJson.ToJson(answer))!["survival"]![0]!["intervals"]![0]!;
        Assert.Equal(Compact(example), first.ToJsonString(Relaxed));
    }

    private static GroupCount Group(long count, params string[] key) => new() { Key = [.. key], Count = count };

    /// <summary>The JSON without white space, written as the API writes it (<c>90+</c>, not <c>90\u002B</c>).</summary>
    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString(Relaxed);
}
