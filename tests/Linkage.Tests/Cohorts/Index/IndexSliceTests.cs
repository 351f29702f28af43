using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>
/// The analytics' view of the index: each live person once, the events a criterion matches with their own record's
/// prefecture and receipt facility, through updates, merges and snapshots.
/// </summary>
public sealed class IndexSliceTests
{
    private static SummaryEvent Placed(SummaryEvent e, string? pref, string? facility = null) => e with { Pref = pref, Facility = facility };

    /// <summary>(person's latest pref, day, event pref, facility) of every match, across slices, sorted.</summary>
    private static string[] Matches(CohortIndex index, CohortCriterion criterion)
    {
        var found = new List<string>();
        foreach (var slice in index.Slices)
        {
            var visitor = new Collect(slice, criterion.Kind, found);
            slice.ForEachMatch(criterion, ref visitor);
        }

        found.Sort(StringComparer.Ordinal);
        return [.. found];
    }

    private struct Collect(IndexSlice slice, EventKind kind, List<string> found) : IEventVisitor
    {
        public readonly void Visit(int slot, int day, int row)
        {
            Assert.True(slice.IsLive(slot));
            var facility = kind == EventKind.Receipt ? slice.ReceiptFacilityOf(row) ?? "-" : "n/a";
            found.Add($"{slice.PrefOf(slot)} {DateOnly.FromDayNumber(day):yyyy-MM-dd} {slice.EventPrefOf(kind, row)} {facility}");
        }
    }

    private static CohortIndex Sample()
    {
        var index = new CohortIndex();
        index.Apply(Component(1, Person(
            [
                Placed(Diagnosis("2024-01-10", "J10.1"), "27", "1310000001"),
                Placed(Lab("2024-01-11", "5F016", 1.0), "27"),
                Placed(Diagnosis("2024-02-01", "J10.0"), null),
            ], pref: "13")));
        index.Apply(Component(2, Person([Placed(Diagnosis("2024-01-12", "J11"), "01", "0110000002")], pref: "01")));
        return index;
    }

    [Fact]
    public void A_match_carries_its_own_records_prefecture_and_facility_not_the_persons_latest()
    {
        Assert.Equal(
            ["1 2024-01-12 1 0110000002", "13 2024-01-10 27 1310000001", "13 2024-02-01 0 -"],
            Matches(Sample(), Criterion(EventKind.Receipt, "J1")));
        Assert.Equal(["13 2024-01-11 27 n/a"], Matches(Sample(), Criterion(EventKind.Lab, "5F016")));
    }

    [Fact]
    public void The_facts_survive_a_merge_and_a_snapshot()
    {
        var index = Sample();
        var expected = Matches(index, Criterion(EventKind.Receipt, "J1"));
        index.Merge();
        Assert.Single(index.Slices);
        Assert.Equal(expected, Matches(index, Criterion(EventKind.Receipt, "J1")));

        using var snapshot = new MemoryStream();
        index.WriteSnapshot(snapshot);
        var loaded = CohortIndex.Load(snapshot.ToArray(), []);
        Assert.Equal(expected, Matches(loaded, Criterion(EventKind.Receipt, "J1")));
        Assert.Equal(["13 2024-01-11 27 n/a"], Matches(loaded, Criterion(EventKind.Lab, "5F016")));
    }

    [Fact]
    public void A_replaced_component_is_visited_only_as_it_now_is()
    {
        var index = Sample();
        index.Merge();
        index.Apply(Component(1, Person([Placed(Diagnosis("2024-03-03", "J10.1"), "14", "1410000003")], pref: "14")));

        Assert.Equal(2, index.Slices.Count);
        Assert.Equal(["1 2024-01-12 1 0110000002", "14 2024-03-03 14 1410000003"], Matches(index, Criterion(EventKind.Receipt, "J1")));
        Assert.Equal([], Matches(index, Criterion(EventKind.Lab, "5F016")));
    }

    [Fact]
    public void Receipts_of_one_day_keep_the_order_of_source_then_record_id()
    {
        FeedEvent Claim(string source, string recordId, string facility) => new()
        {
            Source = source,
            RecordId = recordId,
            Version = 1,
            Kind = EventKind.Receipt,
            Date = Day("2024-05-01"),
            Subject = new Subject { Mid = "mid.x", Birth = "1970-01", Sex = Sex.F, Pref = "13" },
            Data = new ReceiptData { Setting = "outpatient", Facility = facility, Diagnoses = [new Diagnosis { Code = "I21.0" }] },
        };

        // Arrival order differs from cohort-v1's order: b/r1, then a/r2, then a/r1.
        var person = PersonSummaries.Of("p.x", [Claim("b", "r1", "3000000000"), Claim("a", "r2", "2000000000"), Claim("a", "r1", "1000000000")]);
        var index = new CohortIndex();
        index.Apply(Component(1, person));
        index.Apply(Component(2, Person([Placed(Diagnosis("2024-05-01", "I21.0"), "13", "9000000000")])));
        index.Merge();

        var slice = Assert.Single(index.Slices);
        var visitor = new FirstFacility(slice, new int[slice.Slots], new string?[slice.Slots]);
        slice.ForEachMatch(Criterion(EventKind.Receipt, "I21"), ref visitor);
        Assert.Equal(["1000000000", "9000000000"], visitor.Facilities.Order(StringComparer.Ordinal));
    }

    /// <summary>The facility of each slot's smallest matching receipt row.</summary>
    private struct FirstFacility(IndexSlice slice, int[] rows, string?[] facilities) : IEventVisitor
    {
        public readonly string?[] Facilities => facilities;

        public readonly void Visit(int slot, int day, int row)
        {
            if (facilities[slot] is not null && rows[slot] <= row) return;
            rows[slot] = row;
            facilities[slot] = slice.ReceiptFacilityOf(row);
        }
    }

    [Fact]
    public void An_event_prefecture_that_is_not_one_is_refused_naming_the_field()
    {
        var index = new CohortIndex();
        var error = Assert.Throws<ArgumentException>(() => index.Apply(Component(1, Person([Placed(Diagnosis("2024-01-01", "I10"), "48")]))));
        Assert.Contains("events[0].pref", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_written_before_facts_loads_without_prefectures_or_facilities()
    {
        static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "index", name));
        var loaded = CohortIndex.Load(Read("index-format-1.snapshot"), [Read("index-format-1.delta")]);
        Assert.Equal(2, loaded.Slices.Count);
        foreach (var slice in loaded.Slices)
        {
            var visitor = new NoFacts(slice);
            slice.ForEachMatch(new CohortCriterion { Kind = EventKind.Receipt }, ref visitor);
        }
    }

    private readonly struct NoFacts(IndexSlice slice) : IEventVisitor
    {
        public void Visit(int slot, int day, int row)
        {
            Assert.Equal(0, slice.EventPrefOf(EventKind.Receipt, row));
            Assert.Null(slice.ReceiptFacilityOf(row));
        }
    }

    [Fact]
    public void Every_partition_answers_a_query_with_the_evaluator_registered_for_its_type()
    {
        var evaluators = new Linkage.Cohorts.IndexQueryEvaluators([new PeopleWithPref()]);
        var partial = (PrefCount)evaluators.Evaluate(new PeopleInPref(13), Sample());
        Assert.Equal(1, partial.People);
        Assert.Throws<ArgumentException>(() => evaluators.Evaluate(new OtherQuery(), Sample()));
    }

    private sealed record PeopleInPref(int Pref) : IndexQuery;

    private sealed record OtherQuery : IndexQuery;

    private sealed record PrefCount(int People) : IndexPartial;

    private sealed class PeopleWithPref : IndexQueryEvaluator<PeopleInPref, PrefCount>
    {
        public override PrefCount Evaluate(PeopleInPref query, IReadOnlyList<IndexSlice> slices)
        {
            var people = 0;
            foreach (var slice in slices)
            {
                for (var slot = 0; slot < slice.Slots; slot++) people += slice.IsLive(slot) && slice.PrefOf(slot) == query.Pref ? 1 : 0;
            }

            return new PrefCount(people);
        }
    }
}
