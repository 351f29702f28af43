using Linkage.Cohorts.Index;
using Linkage.Cohorts;
using Linkage.Disclosure;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>
/// An index written before people had fingerprints (snapshot format 1 and its delta, made by the build before
/// them from <c>RandomPeople.Make(new Random(77), 300)</c>) loads into the same answers, and can be counted perturbed.
/// </summary>
public sealed class FormatOneSnapshotTests
{
    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "index", name));

    /// <summary>What the old build did to make the files, done again by this one.</summary>
    private static CohortIndex Today()
    {
        var people = RandomPeople.Make(new Random(77), 300);
        var index = new CohortIndex();
        index.Apply(people.Take(200).Select((p, i) => Summaries.Component(i + 1, p)));
        index.Apply(people.Skip(200).Select((p, i) => Summaries.Component(i + 201, p)));
        index.Apply(Summaries.Component(5, people[250], people[251]));
        index.Apply(Summaries.Component(7));
        return index;
    }

    [Fact]
    public void A_format_1_snapshot_and_delta_load_into_the_answers_of_the_same_people_indexed_today()
    {
        var loaded = CohortIndex.Load(Read("index-format-1.snapshot"), [Read("index-format-1.delta")]);
        var today = Today();

        Assert.Equal(300, loaded.People);
        var random = new Random(9);
        for (var i = 0; i < 100; i++)
        {
            // Format 1 holds no facilities (they arrive as components are next updated).
            var definition = RandomDefinitions.WithoutFacility(RandomDefinitions.Make(random));
            Assert.True(today.Count(definition) == loaded.Count(definition), $"definition {i} counts differently after loading format 1");
        }
    }

    [Fact]
    public void People_loaded_from_format_1_have_fixed_keys_a_perturbed_count_sums()
    {
        var perturbation = new CellPerturbation("a test secret of enough length");
        var definition = new CohortDefinition { Entry = new CohortCriterion { Kind = Linkage.Feeds.EventKind.Lab } };

        var first = CohortIndex.Load(Read("index-format-1.snapshot"), [Read("index-format-1.delta")]).Count(definition, perturbation);
        var again = CohortIndex.Load(Read("index-format-1.snapshot"), [Read("index-format-1.delta")]).Count(definition, perturbation);

        Assert.True(first.Total > 0);
        Assert.NotEqual(0UL, Assert.Single(first.Groups).KeySum);
        Assert.Equal(first, again);
    }
}
