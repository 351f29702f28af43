using Linkage.Benchmarks;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Benchmarks;

/// <summary>Benchmarks counted on the cohort index by <see cref="BenchmarkEvaluator"/>, against answers worked out by hand.</summary>
public sealed class BenchmarkIndexTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.UnixEpoch;
    private static readonly CohortCriterion Infarction = new() { Kind = EventKind.Receipt, Code = "I21" };

    private static BenchmarkRequest Request(int minCell, params GroupKey[] adjust) => new()
    {
        Indicator = new CohortDefinition { Entry = Infarction, Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0, To = 30 }, MinCell = minCell },
        Adjust = [.. adjust],
        MinCell = minCell,
    };

    /// <summary><paramref name="people"/> entering at <paramref name="facility"/> on 2022-03-01, the first <paramref name="deaths"/> dying 9 days later.</summary>
    private static IEnumerable<PersonSummary> Entering(string? facility, Sex sex, int people, int deaths) =>
        Enumerable.Range(0, people).Select(i =>
        {
            SummaryEvent entry = Receipt("2022-03-01", diagnoses: ["I21.0"]) with { Facility = facility };
            return Person(i < deaths ? [entry, Death("2022-03-10", "I21")] : [entry, Receipt("2022-06-01", diagnoses: ["I25"])], sex: sex);
        });

    private static BenchmarkAnswer Answer(BenchmarkRequest request, IEnumerable<PersonSummary> people, bool twoPartitions = false)
    {
        var all = people.ToArray();
        var evaluator = new BenchmarkEvaluator();
        var query = new BenchmarkQuery { Request = request };

        // Two partitions when asked: their tallies add up as the fan-out adds them.
        var partials = twoPartitions
            ? [evaluator.Evaluate(query, IndexOf(all[..(all.Length / 2)]).Slices), evaluator.Evaluate(query, IndexOf(all[(all.Length / 2)..]).Slices)]
            : new[] { evaluator.Evaluate(query, IndexOf(all).Slices) };
        var counts = BenchmarkCounts.Of(request, CohortTallies.Sum(partials.Select(p => p.Tally)));
        return BenchmarkAnswers.Publish(request, counts.Strata, counts.Unattributed, AsOf, pseudonyms: null);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_strata_three_facilities_and_a_withheld_observed_count(bool twoPartitions)
    {
        // M: X 2/20, Y 2/10, Z 0/10, r_M = 0.1. F: X 6/20, Y 6/30, Z 4/10, r_F = 16/60.
        // E_X = 2 + 16/3 = 22/3, E_Y = 1 + 8 = 9, E_Z = 1 + 8/3 = 11/3; they add up to the 20 deaths.
        // minCell 5: Z's 4 deaths are withheld, and since every facility is shown, X's 8 (the smallest, by code, of
        // the 8s) as their complement. Six people enter on a receipt without a facility.
        var people = Entering("1310000001", Sex.M, 20, 2).Concat(Entering("1310000002", Sex.M, 10, 2)).Concat(Entering("1310000003", Sex.M, 10, 0))
            .Concat(Entering("1310000001", Sex.F, 20, 6)).Concat(Entering("1310000002", Sex.F, 30, 6)).Concat(Entering("1310000003", Sex.F, 10, 4))
            .Concat(Entering(null, Sex.F, 6, 3));

        var answer = Answer(Request(5, GroupKey.Sex), people, twoPartitions);

        Assert.Equal(6L, answer.Unattributed);
        Assert.Equal(["1310000001", "1310000002", "1310000003"], answer.Facilities.Select(f => f.Facility));
        Assert.Equal([40L, 40L, 20L], answer.Facilities.Select(f => f.People));
        Assert.Equal([22.0 / 3, 9.0, 11.0 / 3], answer.Facilities.Select(f => Math.Round(f.Expected, 9)), new RoundedTo(9));
        Assert.Equal([null, 8L, null], answer.Facilities.Select(f => f.Observed));
        Assert.Equal(8 / 9.0, answer.Facilities[1].Smr!.Value, 12);
        Assert.True(answer.Facilities[0].Complementary);
        Assert.False(answer.Facilities[2].Complementary);
        Assert.Equal(2, answer.Suppressed);
        Assert.Equal(1 + 1.959964 / 3, answer.Facilities[1].Limits[0].High!.Value, 5);
    }

    [Fact]
    public void With_overdispersion_tau2_comes_from_the_index_counts()
    {
        // One stratum: deaths 40/100, 10/100, 50/200; r = 0.25, E = 25, 25, 50, τ² = 16 / 62.5 (worked in StandardisationTests).
        var people = Entering("1310000001", Sex.F, 100, 40).Concat(Entering("1310000002", Sex.M, 100, 10)).Concat(Entering("1310000003", Sex.F, 200, 50));

        var plain = Answer(Request(10), people);
        var widened = Answer(Request(10) with { Overdispersion = true }, people);

        Assert.Equal(0, plain.Tau2);
        Assert.Equal([FunnelFlag.High, FunnelFlag.Within], plain.Facilities[0].Flags.ToArray());
        Assert.Equal(0.256, widened.Tau2, 12);
        Assert.Equal([FunnelFlag.Within, FunnelFlag.Within], widened.Facilities[0].Flags.ToArray());
    }

    [Fact]
    public void A_person_is_attributed_to_the_first_matching_receipt_of_the_entry_day_and_counted_once()
    {
        // Two I21 receipts on the entry day (the summary's order is source, then recordId: the first wins), a later
        // one elsewhere, and a non-matching receipt at a third facility earlier.
        SummaryEvent[] events =
        [
            Receipt("2022-02-01", diagnoses: ["E11"]) with { Facility = "1310000009" },
            Receipt("2022-03-01", diagnoses: ["I21.0"]) with { Facility = "1310000001" },
            Receipt("2022-03-01", diagnoses: ["I21.4"]) with { Facility = "1310000002" },
            Receipt("2022-05-01", diagnoses: ["I21.0"]) with { Facility = "1310000003" },
        ];
        var people = Enumerable.Repeat(Person(events), 12);

        var answer = Answer(Request(10), people);

        var facility = Assert.Single(answer.Facilities);
        Assert.Equal("1310000001", facility.Facility);
        Assert.Equal(12, facility.People);
    }

    [Fact]
    public void An_entry_that_is_not_a_receipt_is_unattributed()
    {
        var request = Request(10) with { Indicator = Request(10).Indicator with { Entry = new CohortCriterion { Kind = EventKind.Lab, Code = "3D046" } } };
        var people = Enumerable.Range(0, 15).Select(_ => Person(Lab("2022-03-01", "3D046", 7.0), Receipt("2022-03-01", diagnoses: ["E11"]) with { Facility = "1310000001" }));

        var answer = Answer(request, people);

        Assert.Empty(answer.Facilities);
        Assert.Equal(15L, answer.Unattributed);
    }

    private sealed class RoundedTo(int digits) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Round(x, digits) == Math.Round(y, digits);

        public int GetHashCode(double value) => Math.Round(value, digits).GetHashCode();
    }
}
