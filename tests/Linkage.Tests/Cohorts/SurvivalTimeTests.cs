using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

/// <summary>Each person's survival time: to the earliest outcome from day 0, or censored at their latest record.</summary>
public sealed class SurvivalTimeTests
{
    private const string Capped = """{"entry":{"kind":"lab"},"outcome":{"kind":"death","code":"I","to":365},"survival":{"step":30}}""";
    private const string Uncapped = """{"entry":{"kind":"lab"},"outcome":{"kind":"receipt","code":"E11"},"survival":{"step":30}}""";

    [Theory]
    [InlineData("2021-01-01", 0)]
    [InlineData("2021-02-15", 45)]
    [InlineData("2022-01-01", 365)]
    public void An_outcome_event_inside_the_window_ends_the_time(string deathDate, int days)
    {
        var member = Member(Capped, Lab("2021-01-01"), Death(deathDate, "I21"));

        Assert.Equal(days, member!.Time);
        Assert.True(member.IsEvent);
    }

    [Fact]
    public void Without_an_outcome_event_the_time_is_censored_at_the_latest_record()
    {
        var member = Member(Capped, Lab("2021-01-01"), Medication("2021-04-11", "6219"), Lab("2021-02-01"));

        Assert.Equal(100, member!.Time);
        Assert.False(member.IsEvent);
    }

    [Fact]
    public void A_censored_time_is_at_most_the_outcome_window_end()
    {
        var member = Member(Capped, Lab("2021-01-01"), Death("2022-02-05", "I21"));

        Assert.Equal(365, member!.Time);
        Assert.False(member.IsEvent);
    }

    [Fact]
    public void Without_an_outcome_window_end_the_censored_time_is_not_capped()
    {
        var member = Member(Uncapped, Lab("2021-01-01"), Medication("2031-01-01", "6219"));

        Assert.Equal(3652, member!.Time);
        Assert.False(member.IsEvent);
    }

    [Fact]
    public void The_earliest_outcome_event_from_day_0_counts_and_earlier_ones_do_not()
    {
        var member = Member(Uncapped, Diagnosed("2020-12-01", "E11"), Lab("2021-01-01"), Diagnosed("2021-03-02", "E11"), Diagnosed("2021-02-10", "E11.9"));

        Assert.Equal(40, member!.Time);
        Assert.True(member.IsEvent);
        Assert.True(member.Outcome);
    }

    [Fact]
    public void An_event_not_matching_the_outcome_criterion_censors()
    {
        var member = Member(Capped, Lab("2021-01-01"), Death("2021-02-01", "C34"));

        Assert.Equal(31, member!.Time);
        Assert.False(member.IsEvent);
    }

    [Fact]
    public void Times_are_counted_by_interval_per_group_without_the_outcome_key()
    {
        const string json = """
            {"entry":{"kind":"lab"},"outcome":{"kind":"death","to":365},"groupBy":["outcome","sex"],"survival":{"step":30}}
            """;
        var man = Subject(sex: Sex.M);

        var tally = Count(
            json,
            [Lab("2021-01-01"), Death("2021-01-30", "I21")],
            [Lab("2021-01-01"), Death("2021-01-31", "I21")],
            [Lab("2021-01-01"), Lab("2021-03-01")],
            [Lab("2021-01-01", subject: man), Death("2021-01-02", "I21") with { Subject = man }],
            [Lab("2021-01-01", subject: man), Lab("2023-01-01", subject: man)]);

        Assert.Equal(["no,F=1", "no,M=1", "yes,F=2", "yes,M=1"], Groups(tally));
        Assert.Equal(
        [
            new SurvivalCounts { Key = ["F"], Events = [1, 1], Censored = [0, 1] },
            new SurvivalCounts { Key = ["M"], Events = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], Censored = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] },
        ], tally.Survival.ToArray());
    }
}
