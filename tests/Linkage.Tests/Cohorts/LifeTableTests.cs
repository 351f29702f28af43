using System.Collections.Immutable;
using Linkage.Cohorts;

namespace Linkage.Tests.Cohorts;

/// <summary>Published life tables, computed by hand: actuarial survival, small intervals joined, the table cut short.</summary>
public sealed class LifeTableTests
{
    private static ImmutableArray<SurvivalTable> Tables(int step, int minCell, params SurvivalCounts[] groups)
    {
        var definition = CohortRecords.Definition(
            $"{{\"entry\":{{\"kind\":\"lab\"}},\"outcome\":{{\"kind\":\"death\"}},\"groupBy\":[\"sex\"],\"minCell\":{minCell},\"survival\":{{\"step\":{step}}}}}");
        var tally = new CohortTally { Total = 0, Groups = [], Survival = [.. groups] };
        return CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, CohortRecords.Floor).Survival!.Value;
    }

    private static SurvivalCounts Times(string sex, long[] events, long[] censored) => new() { Key = [sex], Events = [.. events], Censored = [.. censored] };

    private static SurvivalInterval Row(int from, int to, long atRisk, long events, long censored, double survival) =>
        new() { From = from, To = to, AtRisk = atRisk, Events = events, Censored = censored, Survival = survival };

    [Fact]
    public void Each_interval_gives_its_people_at_risk_events_censored_and_actuarial_survival()
    {
        // At risk 72, 20, 10. Survival 1 - 12/(72 - 40/2) = 0.769230...; then unchanged; then 1 - 10/(10 - 0) = 0.
        var table = Assert.Single(Tables(30, 10, Times("F", [12, 0, 10], [40, 10, 0])));

        Assert.Equal(["F"], table.Key.ToArray());
        Assert.Equal(
            [Row(0, 29, 72, 12, 40, 0.7692), Row(30, 59, 20, 0, 10, 0.7692), Row(60, 89, 10, 10, 0, 0.0)],
            table.Intervals.ToArray());
    }

    [Fact]
    public void Survival_is_carried_unrounded_and_rounded_only_when_reported()
    {
        // 1 - 10/49 = 0.795918..., then * (1 - 10/24.5) = 0.471053...: from the rounded 0.7959 it would be 0.4710.
        var table = Assert.Single(Tables(30, 10, Times("F", [10, 10], [0, 29])));

        Assert.Equal([Row(0, 29, 49, 10, 0, 0.7959), Row(30, 59, 39, 10, 29, 0.4711)], table.Intervals.ToArray());
    }

    [Fact]
    public void Intervals_with_a_few_events_or_censored_are_joined_with_the_next_until_both_are_0_or_reach_min_cell()
    {
        // At risk 50, 46, 42, 35, 32. Events reach 12 by day 29, but censored are 3 until day 49, where they reach 36:
        // one interval of 14 events and 36 censored, survival 1 - 14/(50 - 18) = 0.5625.
        var table = Assert.Single(Tables(10, 10, Times("F", [3, 4, 5, 0, 2], [1, 0, 2, 3, 30])));

        Assert.Equal([Row(0, 49, 50, 14, 36, 0.5625)], table.Intervals.ToArray());
    }

    [Fact]
    public void An_interval_without_events_is_joined_when_its_censored_count_is_small()
    {
        // At risk 33, 32, 20: censored 1, then 3, then 23 with 10 events; survival 1 - 10/(33 - 11.5) = 0.534883...
        var table = Assert.Single(Tables(7, 10, Times("F", [0, 10, 0], [1, 2, 20])));

        Assert.Equal([Row(0, 20, 33, 10, 23, 0.5349)], table.Intervals.ToArray());
    }

    [Fact]
    public void The_table_ends_before_the_first_interval_with_fewer_than_min_cell_at_risk()
    {
        // At risk 39, 19, then 9: the table would end after days 30-59, leaving 19 - 10 = 9 people followed, which a
        // reader would work out; so it ends after days 0-29 (39 - 20 = 19 followed). 1 - 10/(39 - 5) = 0.705882...
        var table = Assert.Single(Tables(30, 10, Times("F", [10, 10, 0, 1], [10, 0, 6, 2])));

        Assert.Equal([Row(0, 29, 39, 10, 10, 0.7059)], table.Intervals.ToArray());
    }

    [Fact]
    public void A_joined_interval_that_runs_into_the_cut_is_left_out()
    {
        // At risk 20, then 5: the 5 events of the first interval wait for the next, which is below min cell.
        var table = Assert.Single(Tables(30, 10, Times("F", [5, 5], [10, 0])));

        Assert.Empty(table.Intervals);
    }

    [Fact]
    public void A_group_with_fewer_than_min_cell_at_risk_at_the_start_has_no_table()
    {
        var tables = Tables(30, 10, Times("F", [3, 0], [5, 1]), Times("M", [10], [0]));

        Assert.Equal(["M"], tables.Select(t => t.Key[0]));
    }

    [Fact]
    public void A_higher_min_cell_joins_and_cuts_sooner()
    {
        // With min cell 20: at risk 70, 18 (cut); the 12 events of the first interval never reach 20.
        var table = Assert.Single(Tables(30, 20, Times("F", [12, 0, 10], [40, 5, 3])));

        Assert.Empty(table.Intervals);
    }

    [Fact]
    public void Intervals_run_from_k_steps_to_the_day_before_k_plus_one_steps()
    {
        var table = Assert.Single(Tables(365, 10, Times("F", [0, 0, 0], [10, 10, 10])));

        Assert.Equal([(0, 364), (365, 729), (730, 1094)], table.Intervals.Select(i => (i.From, i.To)));
    }

    [Fact]
    public void Without_survival_in_the_definition_there_are_no_tables()
    {
        var definition = CohortRecords.Definition("""{"entry":{"kind":"lab"},"outcome":{"kind":"death"}}""");
        var tally = new CohortTally { Total = 10, Groups = [new GroupCount { Key = [], Count = 10 }], Survival = [] };

        Assert.Null(CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, CohortRecords.Floor).Survival);
    }

    [Fact]
    public void The_evaluators_times_make_the_table_end_to_end()
    {
        // 20 people: 10 die on day 5, 10 are censored on day 40 (their last record).
        const string json = """{"entry":{"kind":"lab"},"outcome":{"kind":"death"},"survival":{"step":30}}""";
        var people = Enumerable.Range(0, 10).Select(_ => new[] { CohortRecords.Lab("2021-01-01"), CohortRecords.Death("2021-01-06", "I21") })
            .Concat(Enumerable.Range(0, 10).Select(_ => new[] { CohortRecords.Lab("2021-01-01"), CohortRecords.Lab("2021-02-10") }))
            .ToArray();

        var answer = CohortAnswers.Publish(CohortRecords.Definition(json), CohortRecords.Count(json, people), DateTimeOffset.UnixEpoch, CohortRecords.Floor);

        var table = Assert.Single(answer.Survival!.Value);
        Assert.Equal([Row(0, 29, 20, 10, 0, 0.5), Row(30, 59, 10, 0, 10, 0.5)], table.Intervals.ToArray());
    }
}
