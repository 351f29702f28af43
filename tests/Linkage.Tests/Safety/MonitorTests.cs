using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Safety;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Safety;

public sealed class MonitorTests
{
    private static readonly MonitorDefinition Arb = MonitorDefinitionParser.Parse("""
        {"name": "arb-angioedema", "exposure": {"kind": "medication", "code": "2149"},
         "outcome": {"kind": "receipt", "code": "T78.3"},
         "risk": {"from": 1, "to": 28}, "control": {"from": 43, "to": 70},
         "runIn": 30, "alpha": 0.05, "minEvents": 4, "maxEvents": 200}
        """).Definition!;

    [Fact]
    public void Reads_the_contracts_example_with_p0_from_the_window_lengths()
    {
        var example = MonitorDefinitionParser.Parse(Silo.OpenApi.SafetyOpenApiTransformer.MonitorExample);

        Assert.True(example.IsValid, string.Join("; ", example.Problems));
        Assert.Equal((new DayWindow(1, 28), new DayWindow(43, 70), 365, 0.05, 4, 200),
            (example.Definition.Risk, example.Definition.Control, example.Definition.RunIn, example.Definition.Alpha, example.Definition.MinEvents, example.Definition.MaxEvents));
        Assert.Equal(0.5, example.Definition.P0);
    }

    [Theory]
    [InlineData("""{"exposure": {"kind": "death"}}""", "name: required")]
    [InlineData("""{"name": "Big Name"}""", "name: \"Big Name\" is not a monitor name")]
    [InlineData("""{"name": "m", "risk": {"from": 1}}""", "risk.to: required")]
    [InlineData("""{"name": "m", "risk": {"from": 1, "to": 28}, "control": {"from": 20, "to": 40}}""", "control: days 20 to 40 overlap the risk window (1 to 28)")]
    [InlineData("""{"name": "m", "alpha": 0.7}""", "alpha: must be above 0 and below 0.5, not 0.7")]
    [InlineData("""{"name": "m", "minEvents": 10, "maxEvents": 5}""", "minEvents: 10 is above maxEvents 5")]
    [InlineData("""{"name": "m", "maxEvents": 5000}""", "maxEvents: must be from 1 to 2000 events, not 5000")]
    [InlineData("""{"name": "m", "outcome": {"kind": "receipt", "cod": "T78"}}""", "outcome.cod: not a field of a receipt criterion")]
    public void A_bad_field_is_named(string json, string problem)
    {
        var parsed = MonitorDefinitionParser.Parse(json);

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_exposed_person_contributes_their_earliest_outcome_inside_either_window()
    {
        var index = IndexOf(
            // Day 10 after the drug: risk.
            Person(Vital("2020-01-01", "sbp", 120), Medication("2020-03-01", "2149039"), Diagnosis("2020-03-11", "T78.3")),
            // Day 50 (control), then day 60 (control): one control event.
            Person(Vital("2020-01-01", "sbp", 120), Medication("2020-03-01", "2149"), Diagnosis("2020-04-20", "T78.3"), Diagnosis("2020-04-30", "T78.3")),
            // Day 35 is in neither window, day 45 in control: the earliest inside a window counts.
            Person(Vital("2020-01-01", "sbp", 120), Medication("2020-03-01", "2149"), Diagnosis("2020-04-05", "T78.3"), Diagnosis("2020-04-15", "T78.3")),
            // Day 0 is not in the risk window (from 1); day 20 is.
            Person(Vital("2020-01-01", "sbp", 120), Medication("2020-03-01", "2149"), Diagnosis("2020-03-01", "T78.3"), Diagnosis("2020-03-21", "T78.3")),
            // A prevalent exposure (first record, run-in 30): not counted.
            Person(Medication("2020-03-01", "2149"), Diagnosis("2020-03-11", "T78.3")),
            // The exposure is the first date: a later second fill does not restart the windows (day 100 from the first).
            Person(Vital("2020-01-01", "sbp", 120), Medication("2020-03-01", "2149"), Medication("2020-06-01", "2149"), Diagnosis("2020-06-09", "T78.3")));

        var partial = new MonitorEvaluator().Evaluate(new MonitorQuery { Definition = Arb }, index.Slices);

        Assert.Equal((4, 2), (partial.N, partial.C));
    }

    [Fact]
    public void State_follows_the_boundary_over_the_current_counts()
    {
        var boundary = MonitorReadings.BoundaryOf(Arb);

        Assert.Equal(3.682978, boundary.CriticalValue, 6);
        // LLR(20, 15, 0.5) = 2.616241 (safety-v1): below; all 10 of 10: 10 ln 2 = 6.93 above; 3 of 3 is under minEvents.
        Assert.Equal(MonitorState.Watching, MonitorReadings.StateOf(Arb, boundary, 20, 15));
        Assert.Equal(MonitorState.Signalled, MonitorReadings.StateOf(Arb, boundary, 10, 10));
        Assert.Equal(MonitorState.Watching, MonitorReadings.StateOf(Arb, boundary, 3, 3));
        Assert.Equal(MonitorState.Exhausted, MonitorReadings.StateOf(Arb, boundary, 200, 100));
    }
}
