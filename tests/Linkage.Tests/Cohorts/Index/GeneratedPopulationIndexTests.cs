using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>The people of a generated population, linked by the rules, indexed and counted against the plain evaluation.</summary>
public sealed class GeneratedPopulationIndexTests(GeneratedPopulationIndexTests.LinkedPeople people) : IClassFixture<GeneratedPopulationIndexTests.LinkedPeople>
{
    [Fact]
    public void Realistic_definitions_count_as_the_plain_evaluation_counts()
    {
        var diabetes = new CohortCriterion { Kind = EventKind.Receipt, Code = "E11" };
        var definitions = new[]
        {
            Entering(diabetes, GroupKey.Sex, GroupKey.Age10),
            new CohortDefinition
            {
                Entry = diabetes,
                Period = new DatePeriod { From = new DateOnly(2019, 1, 1), To = new DateOnly(2024, 12, 31) },
                Require = [new() { Kind = EventKind.Lab, Code = "3D046", Min = 6.5, From = 0, To = 365 }],
                Exclude = [new() { Kind = EventKind.Receipt, Code = "E10", From = -365, To = -1 }],
                Age = new AgeRange { Min = 40, Max = 74 },
                Outcome = new() { Kind = EventKind.Death, From = 0, To = 730 },
                GroupBy = [GroupKey.Sex, GroupKey.Age10, GroupKey.Pref, GroupKey.EntryYear, GroupKey.Outcome],
            },
            new CohortDefinition
            {
                Entry = new() { Kind = EventKind.Vital, Type = "sbp", Min = 140 },
                Outcome = new() { Kind = EventKind.Death },
                Survival = new SurvivalRequest { Step = 90 },
                GroupBy = [GroupKey.Sex, GroupKey.Outcome],
            },
            Entering(new() { Kind = EventKind.Maternal, MaternalEntry = "delivery", Max = 2500 }, GroupKey.EntryYear),
            Entering(new() { Kind = EventKind.Medication }, GroupKey.Pref),
            Entering(new() { Kind = EventKind.Surgery, Complication = true }, GroupKey.Age10),
            Entering(new() { Kind = EventKind.Death, Code = "C" }, GroupKey.Sex),
        };

        foreach (var definition in definitions)
        {
            var expected = NaiveCohortCount.Count(definition, people.Summaries);
            Assert.True(expected.Total > 0, "a realistic definition selects someone");
            Assert.Equal(expected, people.Index.Count(definition));
        }
    }

    [Fact]
    public void Random_definitions_over_the_population_s_own_codes_count_as_the_plain_evaluation_counts()
    {
        var random = new Random(31);
        var nonEmpty = 0;
        for (var i = 0; i < 150; i++)
        {
            var definition = RandomDefinitions.Make(random, people.Pools);
            var expected = NaiveCohortCount.Count(definition, people.Summaries);
            Assert.True(expected == people.Index.Count(definition), $"definition {i} ({definition.Entry.Kind} entry) differs from the plain evaluation");
            if (expected.Total > 0) nonEmpty++;
        }

        Assert.True(nonEmpty > 40, $"only {nonEmpty} of 150 definitions selected anyone");
    }

    /// <summary>1,500 generated people, linked, summarised and indexed once (one component per person).</summary>
    public sealed class LinkedPeople
    {
        public LinkedPeople()
        {
            var population = PopulationGenerator.Generate(new PopulationOptions { People = 1_500, Seed = 17 });
            var current = population.CurrentRecords();
            var byKey = current.ToDictionary(r => r.Key);
            Summaries = [.. LinkageRules.Partition(current).People.Select(p => PersonSummaries.Of(p.Id, [.. p.Records.Select(k => byKey[k])]))];
            Index = new CohortIndex();
            Index.Apply(Summaries.Select((s, i) => Component(i, s)));

            Pools = RandomDefinitions.Pools.Of(Summaries);
        }

        public IReadOnlyList<PersonSummary> Summaries { get; }

        public CohortIndex Index { get; }

        internal RandomDefinitions.Pools Pools { get; }
    }
}
