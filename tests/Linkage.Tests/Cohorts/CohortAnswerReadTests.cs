using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts;

/// <summary>Research clients read the answer back: what the API writes reads back equal, and what is not an answer is refused.</summary>
public sealed class CohortAnswerReadTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-11-24T03:12:09Z");

    [Fact]
    public void An_answer_with_suppressed_groups_and_survival_reads_back_equal()
    {
        var answer = new CohortAnswer
        {
            AsOf = AsOf,
            MinCell = 10,
            Total = 1234,
            GroupBy = [GroupKey.Sex, GroupKey.Outcome],
            Groups = [new CohortGroup { Key = ["F", "no"], Count = 57 }, new CohortGroup { Key = ["F", "yes"], Count = null }],
            Suppressed = 1,
            Survival = [new SurvivalTable { Key = ["F"], Intervals = [new SurvivalInterval { From = 0, To = 29, AtRisk = 1234, Events = 12, Censored = 40, Survival = 0.9901 }] }],
        };

        Assert.Equal(answer, CohortAnswerJson.Read(CohortAnswerJson.ToJson(answer)));
    }

    [Fact]
    public void An_answer_without_survival_or_groupBy_reads_back_equal()
    {
        var answer = new CohortAnswer { AsOf = AsOf, MinCell = 20, Total = null, GroupBy = [], Groups = [new CohortGroup { Key = [], Count = null }], Suppressed = 1 };

        Assert.Equal(answer, CohortAnswerJson.Read(CohortAnswerJson.ToJson(answer)));
    }

    [Theory]
    [InlineData("""{"minCell":10}""")]
    [InlineData("""{"asOf":"2026-11-24T03:12:09Z","minCell":10,"total":5,"groups":[{"key":{"colour":"red"},"count":5}],"suppressed":0}""")]
    [InlineData("""[1,2]""")]
    public void Text_that_is_not_an_answer_is_refused_with_a_json_exception(string json)
    {
        Assert.Throws<JsonException>(() => CohortAnswerJson.Read(json));
    }
}
