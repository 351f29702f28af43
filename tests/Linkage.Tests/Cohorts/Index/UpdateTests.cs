using Linkage.Linking;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>Live updates: a component's people replaced or removed, components of several people, and the delta merged into the main segment.</summary>
public sealed class UpdateTests
{
    private static PersonSummary Diabetic(Sex sex) => Person([Diagnosis("2021-01-01", "E11")], sex: sex);

    private static PersonSummary Hypertensive(Sex sex) => Person([Diagnosis("2021-01-01", "I10")], sex: sex);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_update_replaces_what_the_index_held_for_its_component(bool mergedFirst)
    {
        var index = new CohortIndex();
        index.Apply([Component(1, Diabetic(Sex.F)), Component(2, Diabetic(Sex.M))]);
        if (mergedFirst) index.Merge();

        index.Apply(Component(1, Hypertensive(Sex.F)));
        Assert.Equal(["M=1"], index.Count(DiabeticsBySex).Cells());

        index.Apply(Component(1, Diabetic(Sex.U)));
        index.Apply(Component(1, Diabetic(Sex.F)));
        Assert.Equal(["F=1", "M=1"], index.Count(DiabeticsBySex).Cells());
        Assert.Equal(2, index.People);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_update_without_people_removes_the_component(bool mergedFirst)
    {
        var index = new CohortIndex();
        index.Apply([Component(1, Diabetic(Sex.F)), Component(2, Diabetic(Sex.M))]);
        if (mergedFirst) index.Merge();

        index.Apply(Component(2));
        Assert.Equal(["F=1"], index.Count(DiabeticsBySex).Cells());
        Assert.Equal(1, index.People);

        index.Apply(Component(2));
        index.Apply(Component(3));
        Assert.Equal(1, index.People);

        index.Merge();
        Assert.Equal(["F=1"], index.Count(DiabeticsBySex).Cells());
        Assert.Equal(1, index.People);
    }

    [Fact]
    public void A_component_of_several_people_counts_each_and_shrinks_as_a_whole()
    {
        var index = new CohortIndex();
        index.Apply(Component(7, Diabetic(Sex.F), Diabetic(Sex.M), Hypertensive(Sex.M)));
        index.Apply(Component(8, Diabetic(Sex.M)));
        Assert.Equal(["F=1", "M=2"], index.Count(DiabeticsBySex).Cells());

        index.Merge();
        Assert.Equal(["F=1", "M=2"], index.Count(DiabeticsBySex).Cells());
        Assert.Equal(4, index.People);

        index.Apply(Component(7, Hypertensive(Sex.F)));
        Assert.Equal(["M=1"], index.Count(DiabeticsBySex).Cells());
        Assert.Equal(2, index.People);
    }

    [Fact]
    public void A_merge_changes_no_answer()
    {
        var random = new Random(5);
        var people = RandomPeople.Make(random, 300);
        var index = new CohortIndex();
        index.Apply(people.Select((p, i) => Component(i, p)));
        index.Merge();
        for (var i = 0; i < 120; i++)
        {
            var component = random.Next(330);
            index.Apply(random.Next(4) == 0 ? Component(component) : Component(component, RandomPeople.Person(random)));
        }

        Assert.True(index.DeltaPeople > 0);
        var definitions = Enumerable.Range(0, 60).Select(_ => RandomDefinitions.Make(random)).ToList();
        var before = definitions.Select(index.Count).ToList();

        index.Merge();

        Assert.Equal(0, index.DeltaPeople);
        Assert.Equal(before, definitions.Select(index.Count));
    }

    [Fact]
    public void The_delta_is_merged_when_it_passes_its_share_of_the_main_segment()
    {
        var index = new CohortIndex();
        var limit = CohortIndex.MinDeltaPeople;
        for (var i = 0; i < limit; i++) index.Apply(Component(i, Diabetic(Sex.F)));
        Assert.Equal(limit, index.DeltaPeople);

        index.Apply(Component(limit, Diabetic(Sex.M)));

        Assert.Equal(0, index.DeltaPeople);
        Assert.Equal(limit + 1, index.Total(DiabeticsBySex));
    }

    [Fact]
    public void An_invalid_person_is_refused_naming_the_field_and_the_index_is_unchanged()
    {
        var index = new CohortIndex();
        index.Apply(Component(1, Diabetic(Sex.F)));

        var badBirth = Assert.Throws<ArgumentException>(() => index.Apply([Component(2, Diabetic(Sex.M)), Component(3, Diabetic(Sex.M) with { Birth = "1970-13" })]));
        Assert.Contains($"component {new ComponentId(3)}", badBirth.Message);
        Assert.Contains("birth", badBirth.Message);
        var badPref = Assert.Throws<ArgumentException>(() => index.Apply(Component(1, Diabetic(Sex.M) with { Pref = "48" })));
        Assert.Contains("pref", badPref.Message);
        var lateEvent = Assert.Throws<ArgumentException>(() => index.Apply(Component(1, Diabetic(Sex.M) with { LastDate = Day("2020-12-31") })));
        Assert.Contains("events[0].date", lateEvent.Message);

        Assert.Equal(["F=1"], index.Count(DiabeticsBySex).Cells());
        Assert.Equal(1, index.UnsavedComponents);
    }
}
