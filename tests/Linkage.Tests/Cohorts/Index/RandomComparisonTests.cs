using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>The index against <see cref="NaiveCohortCount"/> on random people and random definitions, through updates, merges and snapshots.</summary>
public sealed class RandomComparisonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_index_counts_what_a_plain_evaluation_counts(int seed)
    {
        var random = new Random(seed);
        var components = RandomComponents(random, 300);
        var index = new CohortIndex();
        index.Apply(components.Select(c => Component(c.Key, c.Value)));
        if (seed % 2 == 0) index.Merge();

        AssertSameCounts(random, index, components, definitions: 250);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void The_index_stays_equal_to_a_plain_evaluation_through_updates_merges_and_snapshots(int seed)
    {
        var random = new Random(seed);
        var components = RandomComponents(random, 200);
        var index = new CohortIndex();
        index.Apply(components.Select(c => Component(c.Key, c.Value)));
        var snapshot = Write(index.WriteSnapshot);
        var deltas = new List<ReadOnlyMemory<byte>>();

        for (var round = 0; round < 6; round++)
        {
            for (var u = 0; u < 40; u++)
            {
                var component = (long)random.Next(260);
                var people = random.Next(5) == 0 ? [] : RandomPeople.Make(random, 1 + (random.Next(4) == 0 ? random.Next(3) : 0));
                index.Apply(Component(component, people));
                if (people.Length == 0) components.Remove(component);
                else components[component] = people;
            }

            if (round == 2) index.Merge();
            AssertSameCounts(random, index, components, definitions: 40);

            deltas.Add(Write(index.WriteDelta));
            var loaded = CohortIndex.Load(snapshot, deltas);
            Assert.Equal(index.People, loaded.People);
            AssertSameCounts(random, loaded, components, definitions: 20);
        }
    }

    internal static Dictionary<long, PersonSummary[]> RandomComponents(Random random, int count) =>
        Enumerable.Range(0, count).ToDictionary(i => (long)i * 3, _ => RandomPeople.Make(random, random.Next(6) == 0 ? 2 + random.Next(2) : 1));

    internal static void AssertSameCounts(Random random, CohortIndex index, Dictionary<long, PersonSummary[]> components, int definitions)
    {
        var people = components.Values.SelectMany(p => p).ToList();
        var nonEmpty = 0;
        for (var i = 0; i < definitions; i++)
        {
            var definition = RandomDefinitions.Make(random);
            var expected = NaiveCohortCount.Count(definition, people);
            var actual = index.Count(definition);
            Assert.True(expected == actual, $"definition {i}: expected {Describe(expected)}, the index counted {Describe(actual)}");
            if (expected.Total > 0) nonEmpty++;
        }

        // Random definitions that select nobody would prove little.
        Assert.True(nonEmpty > definitions / 4, $"only {nonEmpty} of {definitions} definitions selected anyone");
    }

    internal static ReadOnlyMemory<byte> Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    private static string Describe(CohortTally tally) =>
        $"total {tally.Total}, groups [{string.Join(", ", tally.Cells())}], survival [{string.Join(", ", tally.Survival.Select(s =>
            $"{string.Join("|", s.Key)}: events {string.Join(" ", s.Events)} censored {string.Join(" ", s.Censored)}"))}]";
}
