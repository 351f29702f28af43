using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Linking;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

public sealed class PersonSummaryCacheTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_person_kept_current_record_by_record_is_summarised_as_from_all_their_records(int seed)
    {
        var random = new Random(seed);
        var cache = new PersonSummaryCache();
        var current = new Dictionary<RecordKey, FeedEvent>();
        for (var i = 0; i < 3; i++) Add(current, NewRecord(random, i));
        cache.Keep(PersonSummaries.OfSorting("p.a", current.Values.ToArray()), Sorted(current));

        for (var step = 3; step < 200; step++)
        {
            if (random.Next(3) == 0)
            {
                // A correction: another date, code or subject, sometimes on a day other records share.
                var replaced = current.Values.ElementAt(random.Next(current.Count));
                var version = NewRecord(random, step) with { Source = replaced.Source, RecordId = replaced.RecordId, Version = replaced.Version + 1 };
                current[version.Key] = version;
                cache.Linked("p.a", version, replaced);
            }
            else
            {
                var version = NewRecord(random, step);
                Add(current, version);
                cache.Linked("p.a", version, replaced: null);
            }

            Assert.True(cache.TryGet(Person("p.a", current), out var kept), $"step {step}: the summary was let go");
            Assert.Equal(PersonSummaries.Of("p.a", current.Values), kept);
        }
    }

    [Fact]
    public void An_unchanged_person_gets_the_summary_built_before()
    {
        var cache = new PersonSummaryCache();
        var records = new[] { Diagnosed("2024-03-01", "E11"), Lab("2024-02-01") };
        var summary = PersonSummaries.OfSorting("p.a", records);
        cache.Keep(summary, records);

        Assert.True(cache.TryGet(Person("p.a", records.ToDictionary(r => r.Key)), out var kept));
        Assert.Same(summary, kept);
    }

    [Fact]
    public void A_person_with_records_the_entry_does_not_hold_is_summarised_afresh()
    {
        var cache = new PersonSummaryCache();
        var records = new[] { Diagnosed("2024-03-01", "E11"), Lab("2024-02-01") };
        cache.Keep(PersonSummaries.OfSorting("p.a", records), records);

        // A record that reached the person other than in place (nothing told the cache).
        var grown = records.Append(Lab("2024-05-01")).ToDictionary(r => r.Key);
        Assert.False(cache.TryGet(Person("p.a", grown), out _));
        Assert.False(cache.TryGet(Person("p.b", grown), out _));
    }

    [Fact]
    public void A_correction_of_a_version_the_entry_does_not_hold_lets_the_person_go()
    {
        var cache = new PersonSummaryCache();
        var record = Diagnosed("2024-03-01", "E11");
        cache.Keep(PersonSummaries.OfSorting("p.a", [record]), [record]);

        var other = record with { Version = 2 };
        cache.Linked("p.a", record with { Version = 3 }, replaced: other);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Clearing_lets_every_person_go()
    {
        var cache = new PersonSummaryCache();
        var record = Diagnosed("2024-03-01", "E11");
        cache.Keep(PersonSummaries.OfSorting("p.a", [record]), [record]);
        cache.Clear();

        Assert.False(cache.TryGet(Person("p.a", new Dictionary<RecordKey, FeedEvent> { [record.Key] = record }), out _));
    }

    private static FeedEvent NewRecord(Random random, int n)
    {
        // Few days and two sources, so that records of one day are ordered by source and record id.
        var date = new DateOnly(2024, 1, 1).AddDays(random.Next(20)).ToString("yyyy-MM-dd");
        var source = random.Next(2) == 0 ? "feed-a" : "feed-b";
        var subject = Subject(sex: random.Next(2) == 0 ? Sex.F : Sex.M, pref: random.Next(2) == 0 ? "13" : null);
        var record = random.Next(3) switch
        {
            0 => Receipt(date, [Dx("E" + random.Next(10, 15))], subject: subject, source: source),
            1 => Record(date, new LabData { Code = "L" + random.Next(3), Value = random.Next(100), Unit = "%" }, subject, source: source),
            _ => Record(date, new MedicationData { Code = "M" + random.Next(3), Days = 28 }, subject, source: source),
        };
        return record with { RecordId = $"R{n:000}" };
    }

    private static void Add(Dictionary<RecordKey, FeedEvent> current, FeedEvent record) => current.Add(record.Key, record);

    private static FeedEvent[] Sorted(Dictionary<RecordKey, FeedEvent> current)
    {
        var sorted = current.Values.ToArray();
        Array.Sort(sorted, PersonSummaries.CompareRecords);
        return sorted;
    }

    private static LinkedPerson Person(string id, Dictionary<RecordKey, FeedEvent> current) =>
        new() { Id = id, Records = [.. current.Keys.Order()], Tokens = [] };
}
