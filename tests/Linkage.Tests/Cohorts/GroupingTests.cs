using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

/// <summary>The group values of each key, and how the evaluator's tally holds the groups.</summary>
public sealed class GroupingTests
{
    [Theory]
    [InlineData(-1, "0-9")]
    [InlineData(-25, "0-9")]
    [InlineData(0, "0-9")]
    [InlineData(9, "0-9")]
    [InlineData(10, "10-19")]
    [InlineData(59, "50-59")]
    [InlineData(89, "80-89")]
    [InlineData(90, "90+")]
    [InlineData(117, "90+")]
    public void Ages_group_by_decade_up_to_90_and_over(int age, string decade)
    {
        Assert.Equal(decade, GroupValues.Age10(age));
    }

    [Fact]
    public void Every_key_groups_people_by_its_values()
    {
        const string json = """
            {"entry":{"kind":"receipt","code":"E11"},"outcome":{"kind":"death","from":0,"to":365},
             "groupBy":["sex","age10","pref","entryYear","outcome"]}
            """;
        FeedEvent[] woman = [Receipt("2021-03-01", [Dx("E11")], subject: Subject("1950-03", Sex.F, "13")), Death("2022-02-28", "I21")];
        var manSubject = Subject("1980-01", Sex.M, null);
        FeedEvent[] man = [Receipt("2023-12-31", [Dx("E11")], subject: manSubject), Death("2025-01-01", "I21") with { Subject = manSubject }];
        FeedEvent[] other = [Receipt("2024-01-01", [Dx("E11")], subject: Subject("1930-01", Sex.U, "47"))];

        var tally = Count(json, woman, man, other);

        Assert.Equal(["F,70-79,13,2021,yes=1", "M,40-49,unknown,2023,no=1", "U,90+,47,2024,no=1"], Groups(tally));
        Assert.Equal(3, tally.Total);
    }

    [Fact]
    public void Group_values_come_in_the_order_of_group_by()
    {
        var tally = Count("""{"entry":{"kind":"lab"},"groupBy":["entryYear","sex"]}""", [Lab("2021-01-01", subject: Subject(sex: Sex.M))]);

        Assert.Equal(["2021,M=1"], Groups(tally));
    }

    [Fact]
    public void People_in_the_same_group_add_up_and_groups_are_sorted_by_key()
    {
        var tally = Count(
            """{"entry":{"kind":"lab"},"groupBy":["sex"]}""",
            [Lab("2021-01-01", subject: Subject(sex: Sex.U))],
            [Lab("2021-01-01", subject: Subject(sex: Sex.M))],
            [Lab("2021-01-01", subject: Subject(sex: Sex.F))],
            [Lab("2022-01-01", subject: Subject(sex: Sex.M))],
            [Medication("2022-01-01", "6219")]);

        Assert.Equal(["F=1", "M=2", "U=1"], Groups(tally));
        Assert.Equal(4, tally.Total);
    }

    [Fact]
    public void Without_group_by_there_is_one_group_with_an_empty_key()
    {
        var tally = Count("""{"entry":{"kind":"lab"}}""", [Lab("2021-01-01")], [Lab("2022-01-01")]);

        Assert.Equal(["=2"], Groups(tally));
        Assert.Empty(tally.Groups[0].Key);
    }

    [Fact]
    public void Nobody_in_the_cohort_gives_no_groups()
    {
        var tally = Count("""{"entry":{"kind":"death"}}""", [Lab("2021-01-01")]);

        Assert.Equal(CohortTally.Empty, tally);
    }

    [Theory]
    [InlineData("2021-03-01", "yes")]
    [InlineData("2022-03-01", "yes")]
    [InlineData("2022-03-02", "no")]
    [InlineData("2021-02-28", "no")]
    public void The_outcome_is_yes_when_a_matching_event_is_inside_its_window(string deathDate, string outcome)
    {
        const string json = """{"entry":{"kind":"lab"},"outcome":{"kind":"death","code":"I","from":0,"to":365},"groupBy":["outcome"]}""";

        Assert.Equal([outcome + "=1"], Groups(Count(json, [Lab("2021-03-01"), Death(deathDate, "I21")])));
    }

    [Fact]
    public void An_outcome_window_can_start_before_entry_when_survival_is_not_asked()
    {
        const string json = """{"entry":{"kind":"lab"},"outcome":{"kind":"receipt","code":"E11","from":-30,"to":-1},"groupBy":["outcome"]}""";

        Assert.Equal(["yes=1"], Groups(Count(json, [Lab("2021-03-01"), Diagnosed("2021-02-01", "E11")])));
        Assert.Equal(["no=1"], Groups(Count(json, [Lab("2021-03-01"), Diagnosed("2021-03-01", "E11")])));
    }

    [Fact]
    public void The_outcome_does_not_filter_anyone()
    {
        const string json = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"}}""";

        Assert.Equal(2, Total(json, [Lab("2021-03-01"), Death("2021-04-01", "I21")], [Lab("2021-03-01")]));
    }
}
