using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts;

/// <summary>The answer as cohort-v1 JSON: exactly the contract's fields, in its order.</summary>
public sealed class CohortAnswerJsonTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-11-24T03:12:09Z");

    [Fact]
    public void An_answer_with_groups_and_survival_is_written_in_the_contracts_shape()
    {
        var answer = new CohortAnswer
        {
            AsOf = AsOf,
            MinCell = 10,
            Total = 1234,
            GroupBy = [GroupKey.Sex, GroupKey.Outcome],
            Groups = [new CohortGroup { Key = ["F", "no"], Count = 57 }, new CohortGroup { Key = ["F", "yes"], Count = null }],
            Suppressed = 1,
            Survival =
            [
                new SurvivalTable
                {
                    Key = ["F"],
                    Intervals = [new SurvivalInterval { From = 0, To = 29, AtRisk = 1234, Events = 12, Censored = 40, Survival = 0.9901 }],
                },
            ],
        };

        Assert.Equal(
            """{"asOf":"2026-11-24T03:12:09Z","minCell":10,"total":1234,"groups":[{"key":{"sex":"F","outcome":"no"},"count":57},{"key":{"sex":"F","outcome":"yes"},"count":null}],"suppressed":1,"survival":[{"key":{"sex":"F"},"intervals":[{"from":0,"to":29,"atRisk":1234,"events":12,"censored":40,"survival":0.9901}]}]}""",
            CohortAnswerJson.ToJson(answer));
    }

    [Fact]
    public void Without_survival_asked_there_is_no_survival_field_and_without_tables_an_empty_one()
    {
        var answer = new CohortAnswer { AsOf = AsOf, MinCell = 10, Total = null, GroupBy = [], Groups = [new CohortGroup { Key = [], Count = null }], Suppressed = 1 };

        Assert.Equal(
            """{"asOf":"2026-11-24T03:12:09Z","minCell":10,"total":null,"groups":[{"key":{},"count":null}],"suppressed":1}""",
            CohortAnswerJson.ToJson(answer));
        Assert.EndsWith(""","suppressed":1,"survival":[]}""", CohortAnswerJson.ToJson(answer with { Survival = [] }));
    }

    [Fact]
    public void As_of_is_written_in_utc_with_its_fraction_of_a_second_when_it_has_one()
    {
        var answer = new CohortAnswer
        {
            AsOf = DateTimeOffset.Parse("2026-11-24T12:12:09.25+09:00"),
            MinCell = 10,
            Total = null,
            GroupBy = [],
            Groups = [],
            Suppressed = 0,
        };

        Assert.StartsWith("""{"asOf":"2026-11-24T03:12:09.25Z",""", CohortAnswerJson.ToJson(answer));
    }
}
