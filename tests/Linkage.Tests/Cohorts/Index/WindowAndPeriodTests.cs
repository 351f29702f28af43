using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Entry dates from the period, and require, exclude and outcome windows at their edges.</summary>
public sealed class WindowAndPeriodTests
{
    private static readonly CohortCriterion Diabetes = new() { Kind = EventKind.Receipt, Code = "E11" };

    /// <summary>Enters with E11 on 2021-01-01 and has an HbA1c lab 180 and 181 days later and one day before.</summary>
    private static readonly PersonSummary Patient = Person(
        Diagnosis("2021-01-01", "E11"),
        Lab("2020-12-31", "3D046A", 7.0),
        Lab("2021-06-30", "3D046B", 7.0),
        Lab("2021-07-01", "3D046C", 7.0));

    private static long Require(CohortCriterion criterion, params PersonSummary[] people) =>
        IndexOf(people.Length == 0 ? [Patient] : people).Total(new CohortDefinition { Entry = Diabetes, Require = [criterion] });

    [Theory]
    [InlineData("3D046B", 0, 180, 1)]
    [InlineData("3D046B", 0, 179, 0)]
    [InlineData("3D046C", 0, 180, 0)]
    [InlineData("3D046C", 181, 181, 1)]
    [InlineData("3D046A", -1, -1, 1)]
    [InlineData("3D046A", 0, null, 0)]
    [InlineData("3D046A", null, 0, 1)]
    [InlineData("3D046A", null, -2, 0)]
    [InlineData("3D046C", null, null, 1)]
    [InlineData("3D046C", 182, null, 0)]
    public void A_require_window_holds_from_and_to_inclusive_relative_to_the_entry(string code, int? from, int? to, long expected) =>
        Assert.Equal(expected, Require(new() { Kind = EventKind.Lab, Code = code, From = from, To = to }));

    [Fact]
    public void The_entry_event_satisfies_a_require_at_day_0()
    {
        Assert.Equal(1, Require(Diabetes with { From = 0, To = 0 }));
        Assert.Equal(0, Require(Diabetes with { From = 1 }));
        Assert.Equal(0, Require(Diabetes with { To = -1 }));
    }

    [Fact]
    public void Every_require_must_hold()
    {
        var definition = new CohortDefinition
        {
            Entry = Diabetes,
            Require = [new() { Kind = EventKind.Lab, Code = "3D046B", From = 0 }, new() { Kind = EventKind.Death }],
        };
        Assert.Equal(0, IndexOf(Patient).Total(definition));
        Assert.Equal(1, IndexOf(Patient with { Events = [.. Patient.Events, Death("2021-08-01", "C34.9")], LastDate = Day("2021-08-01") }).Total(definition));
    }

    [Theory]
    [InlineData(-365, -1, 0)]
    [InlineData(-365, -2, 1)]
    [InlineData(0, 179, 1)]
    [InlineData(0, 180, 0)]
    [InlineData(null, null, 0)]
    public void An_exclude_window_drops_the_people_with_a_matching_event_inside_it(int? from, int? to, long expected) =>
        Assert.Equal(expected, IndexOf(Patient).Total(new CohortDefinition
        {
            Entry = Diabetes,
            Exclude = [new() { Kind = EventKind.Lab, Code = "3D046", Min = 7.0, From = from, To = to }, new() { Kind = EventKind.Death }],
        }));

    [Theory]
    [InlineData(0, 180, "yes")]
    [InlineData(0, 179, "no")]
    [InlineData(-1, -1, "yes")]
    [InlineData(null, null, "yes")]
    [InlineData(182, null, "no")]
    public void An_outcome_is_yes_when_a_matching_event_lies_inside_its_window(int? from, int? to, string expected) =>
        Assert.Equal([expected + "=1"], IndexOf(Patient).Count(new CohortDefinition
        {
            Entry = Diabetes,
            Outcome = new() { Kind = EventKind.Lab, Code = "3D046", From = from, To = to },
            GroupBy = [GroupKey.Outcome],
        }).Cells());

    [Fact]
    public void The_entry_date_is_the_earliest_matching_event_inside_the_period()
    {
        var index = IndexOf(Person(Diagnosis("2019-12-31", "E11"), Diagnosis("2021-06-01", "E11.9"), Diagnosis("2023-01-01", "E11"), Diagnosis("2020-05-01", "I10")));
        CohortTally Entries(string? from, string? to) => index.Count(new CohortDefinition
        {
            Entry = Diabetes,
            Period = new DatePeriod { From = from is null ? null : Day(from), To = to is null ? null : Day(to) },
            GroupBy = [GroupKey.EntryYear],
        });

        Assert.Equal(["2019=1"], Entries(null, null).Cells());
        Assert.Equal(["2019=1"], Entries("2019-12-31", null).Cells());
        Assert.Equal(["2021=1"], Entries("2020-01-01", null).Cells());
        Assert.Equal(["2021=1"], Entries("2020-01-01", "2021-06-01").Cells());
        Assert.Empty(Entries("2020-01-01", "2021-05-31").Cells());
        Assert.Equal(["2023=1"], Entries("2021-06-02", "2023-01-01").Cells());
        Assert.Equal(0, Entries("2023-01-02", null).Total);
    }

    [Fact]
    public void Windows_count_from_the_entry_date_the_period_chose()
    {
        // Entry in the period is 2021-06-01, so the 2021-06-30 lab is 29 days later, not 180.
        var index = IndexOf(Person(Diagnosis("2021-01-01", "E11"), Diagnosis("2021-06-01", "E11"), Lab("2021-06-30", "3D046", 7.0)));
        var definition = new CohortDefinition
        {
            Entry = Diabetes,
            Period = new DatePeriod { From = Day("2021-02-01") },
            Require = [new() { Kind = EventKind.Lab, From = 29, To = 29 }],
        };
        Assert.Equal(1, index.Total(definition));
        Assert.Equal(0, index.Total(definition with { Period = null }));
    }
}
