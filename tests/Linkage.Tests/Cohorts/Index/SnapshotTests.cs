using System.Buffers;
using Linkage.Cohorts.Index;
using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.RandomComparisonTests;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Snapshots and deltas: what they hold, that loading them gives the same answers, and that broken chains are refused.</summary>
public sealed class SnapshotTests
{
    private static List<CohortDefinition> Definitions(int seed) => [.. Enumerable.Range(0, 80).Select(_ => RandomDefinitions.Make(new Random(seed + _)))];

    [Fact]
    public void A_snapshot_loads_into_an_index_with_the_same_answers()
    {
        var random = new Random(21);
        var index = new CohortIndex();
        index.Apply(RandomComponents(random, 400).Select(c => Component(c.Key, c.Value)));
        var definitions = Definitions(100);
        var before = definitions.Select(index.Count).ToList();

        var buffer = new ArrayBufferWriter<byte>();
        index.WriteSnapshot(buffer);
        var loaded = CohortIndex.Load(buffer.WrittenMemory, []);

        Assert.Equal(before, definitions.Select(loaded.Count));
        Assert.Equal(index.People, loaded.People);
        Assert.Equal(1, loaded.Generation);
        // Written again, the loaded index loads again into the same answers.
        Assert.Equal(before, definitions.Select(CohortIndex.Load(Write(loaded.WriteSnapshot), []).Count));
    }

    [Fact]
    public void A_snapshot_and_the_deltas_after_it_load_into_the_answers_of_each_point()
    {
        var random = new Random(22);
        var index = new CohortIndex();
        index.Apply(RandomComponents(random, 300).Select(c => Component(c.Key, c.Value)));
        var definitions = Definitions(200);
        var snapshot = Write(index.WriteSnapshot);

        index.Apply([Component(0), Component(3, RandomPeople.Make(random, 2)), Component(10_000, RandomPeople.Make(random, 1))]);
        var first = Write(index.WriteDelta);
        var atFirst = definitions.Select(index.Count).ToList();

        index.Apply([Component(3), Component(6, RandomPeople.Make(random, 1)), Component(0, RandomPeople.Make(random, 3))]);
        index.Merge();
        index.Apply(Component(9));
        var second = Write(index.WriteDelta);
        var atSecond = definitions.Select(index.Count).ToList();

        Assert.Equal(atFirst, definitions.Select(CohortIndex.Load(snapshot, [first]).Count));
        var loaded = CohortIndex.Load(new MemoryStream(snapshot.ToArray()), [new MemoryStream(first.ToArray()), new MemoryStream(second.ToArray())]);
        Assert.Equal(atSecond, definitions.Select(loaded.Count));
        Assert.Equal(index.People, loaded.People);
        Assert.Equal(3, loaded.Generation);
        Assert.Equal(0, loaded.UnsavedComponents);
    }

    [Fact]
    public void A_delta_holds_only_the_components_changed_since_the_last_write()
    {
        var random = new Random(23);
        var index = new CohortIndex();
        index.Apply(RandomComponents(random, 2000).Select(c => Component(c.Key, c.Value)));
        var snapshot = Write(index.WriteSnapshot);
        Assert.Equal(0, index.UnsavedComponents);

        index.Apply([Component(3, RandomPeople.Make(random, 1)), Component(6), Component(3, RandomPeople.Make(random, 1))]);
        Assert.Equal(2, index.UnsavedComponents);
        var delta = Write(index.WriteDelta);

        Assert.Equal(0, index.UnsavedComponents);
        Assert.True(delta.Length * 50 < snapshot.Length, $"a delta of 2 components took {delta.Length} bytes, the snapshot of 2000 {snapshot.Length}");
        Assert.True(Write(index.WriteDelta).Length < 32);
    }

    [Fact]
    public void Deltas_that_do_not_follow_the_snapshot_or_each_other_are_refused()
    {
        var index = IndexOf(Person(Diagnosis("2021-01-01", "E11")));
        var snapshot = Write(index.WriteSnapshot);
        index.Apply(Component(2, Person(Diagnosis("2021-01-01", "I10"))));
        var first = Write(index.WriteDelta);
        var second = Write(index.WriteDelta);
        var later = Write(index.WriteSnapshot);

        Assert.Contains("delta 1 follows generation 2", Assert.Throws<InvalidDataException>(() => CohortIndex.Load(snapshot, [second])).Message);
        Assert.Contains("delta 2 follows generation 1", Assert.Throws<InvalidDataException>(() => CohortIndex.Load(snapshot, [first, first])).Message);
        Assert.Contains("a snapshot where a delta belongs", Assert.Throws<InvalidDataException>(() => CohortIndex.Load(snapshot, [later])).Message);
        Assert.Contains("a delta where the snapshot belongs", Assert.Throws<InvalidDataException>(() => CohortIndex.Load(first, [])).Message);
        Assert.Equal(2, CohortIndex.Load(snapshot, [first, second]).Total(Entering(new() { Kind = Linkage.Feeds.EventKind.Receipt })));
    }

    [Fact]
    public void A_snapshot_or_delta_cut_short_is_refused()
    {
        var random = new Random(24);
        var index = new CohortIndex();
        index.Apply(RandomComponents(random, 50).Select(c => Component(c.Key, c.Value)));
        var snapshot = Write(index.WriteSnapshot).ToArray();
        index.Apply(Component(3, RandomPeople.Make(random, 1)));
        var delta = Write(index.WriteDelta).ToArray();

        foreach (var cut in new[] { 0, 3, 7, snapshot.Length / 2, snapshot.Length - 1 })
        {
            var problem = Assert.Throws<InvalidDataException>(() => CohortIndex.Load(snapshot.AsMemory(0, cut), []));
            Assert.Contains("index snapshot", problem.Message);
        }

        Assert.Contains("delta 1", Assert.Throws<InvalidDataException>(() => CohortIndex.Load(snapshot, [delta.AsMemory(0, delta.Length - 1)])).Message);
        Assert.Throws<InvalidDataException>(() => CohortIndex.Load(snapshot.Append((byte)0).ToArray(), []));
    }
}
