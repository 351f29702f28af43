using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;
using Linkage.Tests.Population;
using static Linkage.Tests.Linking.TestRecords;

namespace Linkage.Tests.Linking;

/// <summary>
/// Record versions applied one at a time through <see cref="IncrementalPartition"/> (recomputed wherever it refuses one,
/// as the component grain does) give what <see cref="LinkageRules.Partition"/> of all current records gives, after every
/// version.
/// </summary>
public sealed class IncrementalPartitionTests(GeneratedPopulationFixture fixture) : IClassFixture<GeneratedPopulationFixture>
{
    private static readonly string Hanako = Id2("サトウハナコ");

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 120)]
    [InlineData(5, 200)]
    [InlineData(6, 200)]
    [InlineData(7, 300)]
    [InlineData(8, 300)]
    public void Versions_applied_one_by_one_give_the_partition_of_all_current_records(int seed, int count)
    {
        var versions = WithCorrectionsAndRetractions(RandomRecordSets.Make(seed, count), new Random(seed));
        var replay = new Replay();

        foreach (var version in versions)
        {
            replay.Apply(version);
            AssertSamePeople(LinkageRules.Partition(replay.Current()), replay.Linked.People);
        }

        // Both paths ran: versions taken in place and versions that had to be recomputed.
        Assert.True(replay.InPlace > versions.Count / 10, $"{replay.InPlace} of {versions.Count} taken in place");
        Assert.True(replay.Recomputed > 0);
    }

    [Fact]
    public void A_generated_population_applied_in_feed_order_gives_the_partition_of_its_current_records()
    {
        // The people of 300 generated people's lines (versions, retractions and duplicates as the feeds send them).
        var versions = fixture.Valid.Where(e => fixture.PersonOf(e) < 300).ToList();
        var replay = new Replay();

        for (var i = 0; i < versions.Count; i++)
        {
            replay.Apply(versions[i]);
            if (i % 250 == 0 || i == versions.Count - 1) AssertSamePeople(LinkageRules.Partition(replay.Current()), replay.Linked.People);
        }

        // Most of a real population's versions cannot change who is who.
        Assert.True(replay.InPlace > versions.Count * 0.8, $"{replay.InPlace} of {versions.Count} taken in place");
    }

    [Fact]
    public void A_record_carrying_the_cluster_s_own_tokens_joins_its_person_in_place()
    {
        var linked = IncrementalPartition.Of([Record("a", "2020-01-10", mid: Mid("A"), id1: Id1("1"), id2: Hanako)]);

        Assert.True(linked.TryApply(Record("b", "2020-01-20", id1: Id1("1"), id2: Hanako), null, out var changed));

        Assert.Equal([Group("a", "b")], Groups(linked.People));
        Assert.Equal("p." + new[] { Mid("A"), Id1("1"), Hanako }.Min(StringComparer.Ordinal), changed!.Id);
    }

    [Fact]
    public void A_new_id1_month_that_another_cluster_holds_is_refused()
    {
        // Two clusters joined by the id2; a record of the first in the month the second has would make them conflict.
        var linked = IncrementalPartition.Of([
            Record("a", "2020-01-10", id1: Id1("1"), id2: Hanako),
            Record("b", "2020-02-10", id1: Id1("2"), id2: Hanako),
        ]);
        Assert.Single(linked.People.People);

        Assert.False(linked.TryApply(Record("c", "2020-02-20", id1: Id1("1")), null, out _));

        Assert.Equal([Group("a", "b")], Groups(linked.People));
        Assert.Equal(2, LinkageRules.Partition([.. Records("a", "b"), Record("c", "2020-02-20", id1: Id1("1"))]).People.Count);
    }

    [Fact]
    public void A_record_bridging_two_clusters_is_refused()
    {
        var linked = IncrementalPartition.Of([Record("a", "2020-01-10", mid: Mid("A")), Record("b", "2020-01-10", id1: Id1("1"))]);

        Assert.False(linked.TryApply(Record("c", "2020-03-10", mid: Mid("A"), id1: Id1("1")), null, out _));
        Assert.Equal(2, linked.People.People.Count);
    }

    [Fact]
    public void An_id2_only_record_of_an_ambiguous_id2_is_a_person_named_by_its_record()
    {
        var linked = IncrementalPartition.Of([
            Record("a", "2020-01-10", id1: Id1("1"), id2: Hanako),
            Record("b", "2020-01-20", id1: Id1("2"), id2: Hanako),
        ]);
        Assert.Contains(Hanako, linked.People.AmbiguousId2);

        Assert.True(linked.TryApply(Record("death", "2024-01-01", id2: Hanako), null, out var changed));

        Assert.Equal("p.rec:test-feed/death", changed!.Id);
        Assert.Equal([Group("a"), Group("b"), Group("death")], Groups(linked.People));
    }

    [Fact]
    public void Retracting_a_current_record_is_refused_and_a_correction_keeping_its_tokens_and_month_is_not()
    {
        var a = Record("a", "2020-01-10", id1: Id1("1"), id2: Hanako);
        var linked = IncrementalPartition.Of([a, Record("b", "2020-03-10", id2: Hanako)]);

        Assert.False(linked.TryApply(a with { Version = 2, Retracted = true }, a, out _));
        Assert.True(linked.TryApply(a with { Version = 2, Date = new DateOnly(2020, 1, 31) }, a, out var corrected));
        Assert.False(linked.TryApply(a with { Version = 2, Date = new DateOnly(2020, 2, 1) }, a, out _));
        Assert.Equal([Group("a", "b")], Groups(linked.People));
        Assert.Equal(linked.People.People[0], corrected);
    }

    private static FeedEvent[] Records(params string[] ids) =>
    [
        .. ids.Select(id => id switch
        {
            "a" => Record("a", "2020-01-10", id1: Id1("1"), id2: Hanako),
            _ => Record("b", "2020-02-10", id1: Id1("2"), id2: Hanako),
        }),
    ];

    /// <summary>
    /// The records in a random order, interleaved with later versions: corrections that keep what the rules read,
    /// corrections that move the date or change a token, retractions, versions after a retraction, and stale versions.
    /// </summary>
    private static List<FeedEvent> WithCorrectionsAndRetractions(FeedEvent[] records, Random random)
    {
        var order = records.ToArray();
        random.Shuffle(order);
        var latest = new Dictionary<RecordKey, FeedEvent>();
        var versions = new List<FeedEvent>();
        foreach (var record in order)
        {
            versions.Add(record);
            latest[record.Key] = record;
            if (random.NextDouble() >= 0.3) continue;

            // A later version of a record seen before.
            var seen = latest.Values.ElementAt(random.Next(latest.Count));
            var next = seen with { Version = seen.Version + 1, Retracted = false };
            next = random.Next(6) switch
            {
                0 => next with { Retracted = true },
                1 => next with { Date = new DateOnly(next.Date.Year, next.Date.Month, 1 + (next.Date.Day % 28)) },
                2 => next with { Date = next.Date.AddMonths(1) },
                3 => next with { Subject = next.Subject with { Id2 = records[random.Next(records.Length)].Subject.Id2 } },
                4 => next with { Subject = next.Subject with { Id1 = records[random.Next(records.Length)].Subject.Id1 ?? next.Subject.Id1 } },
                _ => seen with { Version = Math.Max(1, seen.Version - 1) },
            };
            if (next.Subject.Mid is null && next.Subject.Id1 is null && next.Subject.Id2 is null) continue;
            versions.Add(next);
            if (next.Version > seen.Version) latest[next.Key] = next;
        }

        return versions;
    }

    private static void AssertSamePeople(PeoplePartition expected, PeoplePartition actual)
    {
        Assert.Equal(expected.People, actual.People);
        Assert.Equal(expected.AmbiguousId2.Order(StringComparer.Ordinal), actual.AmbiguousId2.Order(StringComparer.Ordinal));

        // The lookups, against what the people themselves hold (not against the other partition's lookups: both
        // partitions answer them the same way, by tables for several people and by the person for one).
        foreach (var partition in new[] { expected, actual })
        {
            foreach (var person in expected.People)
            {
                foreach (var record in person.Records) Assert.Equal(person, partition.PersonOf(record));
                foreach (var token in person.Tokens)
                {
                    Assert.Equal([.. expected.People.Where(p => p.Tokens.Contains(token))], partition.PeopleHolding(token));
                }
            }

            Assert.Null(partition.PersonOf(new RecordKey("no-such-feed", "r")));
            Assert.Empty(partition.PeopleHolding(Mid("no-such-person")));
        }
    }

    /// <summary>What a component does with each version: the events-v1 version rules, then the partition in place or recomputed.</summary>
    private sealed class Replay
    {
        private readonly Dictionary<RecordKey, FeedEvent> _latest = [];

        public IncrementalPartition Linked { get; private set; } = IncrementalPartition.Of([]);

        public int InPlace { get; private set; }

        public int Recomputed { get; private set; }

        public IReadOnlyCollection<FeedEvent> Current() => [.. _latest.Values.Where(e => !e.Retracted)];

        public void Apply(FeedEvent version)
        {
            var replaced = _latest.GetValueOrDefault(version.Key);
            if (replaced is not null && replaced.Version >= version.Version) return;
            _latest[version.Key] = version;
            if (Linked.TryApply(version, replaced, out _))
            {
                InPlace++;
                return;
            }

            Recomputed++;
            Linked = IncrementalPartition.Of(Current());
        }
    }
}
