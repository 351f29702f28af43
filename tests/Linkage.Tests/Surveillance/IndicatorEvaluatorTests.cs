using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Surveillance;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Surveillance;

/// <summary>An indicator over one index partition: each person's episodes, in the starting event's own prefecture, worked out by hand.</summary>
public sealed class IndicatorEvaluatorTests
{
    [Fact]
    public void Episodes_are_counted_by_the_starting_events_prefecture_and_day_across_criteria()
    {
        var index = new CohortIndex();
        index.Apply(Component(1, Person(
            [
                Diagnosis("2024-01-10", "J10.1") with { Pref = "27" },
                Lab("2024-01-11", "5F016", 1.0) with { Pref = "27" },
                Diagnosis("2024-02-01", "J10.0") with { Pref = null },
            ], pref: "13")));
        index.Apply(Component(2, Person([Diagnosis("2024-01-12", "J11") with { Pref = "01" }], pref: "01")));
        var query = new IndicatorQuery(new IndicatorDefinition { AnyOf = [Criterion(EventKind.Receipt, "J1"), Criterion(EventKind.Lab, "5F016")], EpisodeDays = 10 });

        var partial = new IndicatorEvaluator().Evaluate(query, index.Slices);

        // Person 1: 01-10 starts (in 27, its own record's prefecture, not the person's latest 13); 01-11 lies within 10
        // days of it; 02-01 is 21 days after 01-11 and starts again, in no prefecture. Person 2: 01-12 in 01.
        Assert.Equal(
            ["0 2024-02-01 1", "1 2024-01-12 1", "27 2024-01-10 1"],
            partial.Cells.Select(c => $"{c.Pref} {DateOnly.FromDayNumber(c.Day):yyyy-MM-dd} {c.Count}").Order(StringComparer.Ordinal));
        Assert.Equal(new DateOnly(2024, 2, 1).DayNumber, partial.LatestDay);
    }
}
