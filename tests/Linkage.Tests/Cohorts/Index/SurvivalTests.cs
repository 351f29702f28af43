using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Survival times by interval: the earliest outcome from day 0, or censored at the latest record or outcome.to.</summary>
public sealed class SurvivalTests
{
    private static readonly CohortCriterion Entry = new() { Kind = EventKind.Receipt, Code = "C34" };

    private static PersonSummary Patient(Sex sex, params SummaryEvent[] later) =>
        Person([Diagnosis("2021-01-01", "C34.9"), .. later], sex: sex);

    [Fact]
    public void Each_person_is_an_event_or_censored_in_the_interval_of_their_time()
    {
        var index = IndexOf(
            Patient(Sex.F, Death("2021-02-15", "C34.9")),                       // event at 45: interval 1
            Patient(Sex.F, Medication("2021-04-11", "x")),                       // censored at 100: interval 3
            Patient(Sex.F, Medication("2022-05-16", "x")),                       // last at 500, censored at 365: interval 12
            Patient(Sex.M, Death("2020-12-27", "C34.9")),                        // before entry: censored at 0, interval 0
            Patient(Sex.M, Death("2021-01-01", "C34.9")),                        // event at day 0: interval 0
            Patient(Sex.M, Death("2022-02-05", "C34.9")));                       // at 400, after to: censored at 365
        var definition = new CohortDefinition
        {
            Entry = Entry,
            Outcome = new() { Kind = EventKind.Death, To = 365 },
            Survival = new SurvivalRequest { Step = 30 },
            GroupBy = [GroupKey.Outcome, GroupKey.Sex],
        };

        var tally = index.Count(definition);

        Assert.Equal(["no|F=2", "no|M=2", "yes|F=1", "yes|M=1"], tally.Cells());
        Assert.Equal(2, tally.Survival.Length);
        Assert.Equal(["F"], tally.Survival[0].Key.ToArray());
        Assert.Equal(Longs(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), tally.Survival[0].Events.ToArray());
        Assert.Equal(Longs(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1), tally.Survival[0].Censored.ToArray());
        Assert.Equal(["M"], tally.Survival[1].Key.ToArray());
        Assert.Equal(Longs(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), tally.Survival[1].Events.ToArray());
        Assert.Equal(Longs(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), tally.Survival[1].Censored.ToArray());
    }

    [Fact]
    public void Without_outcome_to_a_person_is_censored_at_their_latest_record_and_one_table_has_an_empty_key()
    {
        var index = IndexOf(Patient(Sex.F, Medication("2022-01-01", "x")), Patient(Sex.M, Death("2021-01-31", null)));
        var tally = index.Count(new CohortDefinition
        {
            Entry = Entry, Outcome = new() { Kind = EventKind.Death }, Survival = new SurvivalRequest { Step = 365 },
        });

        var table = Assert.Single(tally.Survival);
        Assert.Empty(table.Key);
        Assert.Equal(Longs(1, 0), table.Events.ToArray());
        Assert.Equal(Longs(0, 1), table.Censored.ToArray());
    }

    [Fact]
    public void With_survival_the_outcome_window_starts_at_day_0_for_the_yes_and_no_too()
    {
        var index = IndexOf(Patient(Sex.F, Death("2020-12-31", null)));
        var tally = index.Count(new CohortDefinition
        {
            Entry = Entry, Outcome = new() { Kind = EventKind.Death }, Survival = new SurvivalRequest { Step = 30 }, GroupBy = [GroupKey.Outcome],
        });

        Assert.Equal(["no=1"], tally.Cells());
        Assert.Equal(Longs(1), Assert.Single(tally.Survival).Censored.ToArray());
    }
}
