using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Tests.Cohorts.Index;

namespace Linkage.Tests.Disclosure;

/// <summary>
/// The auditor over many answers: the generated population's cohorts under random definitions and every
/// <c>groupBy</c> combination with and without survival, and random tallies whose counts sit near minCell.
/// </summary>
public sealed class DisclosurePropertyTests(GeneratedPopulationIndexTests.LinkedPeople people)
    : IClassFixture<GeneratedPopulationIndexTests.LinkedPeople>
{
    private static readonly GroupKey[] Keys = [GroupKey.Sex, GroupKey.Age10, GroupKey.Pref, GroupKey.EntryYear, GroupKey.Outcome];

    [Fact]
    public void No_answer_over_the_generated_population_gives_a_small_count_away_for_any_group_by()
    {
        var entries = new CohortCriterion[]
        {
            new() { Kind = EventKind.Receipt, Code = "E11" },
            new() { Kind = EventKind.Vital, Type = "sbp", Min = 140 },
            new() { Kind = EventKind.Lab },
        };
        var audited = 0;
        foreach (var entry in entries)
        {
            for (var mask = 0; mask < 1 << Keys.Length; mask++)
            {
                ImmutableArray<GroupKey> groupBy = [.. Keys.Where((_, i) => (mask & (1 << i)) != 0)];
                foreach (var step in (ReadOnlySpan<int>)[0, 30, 365])
                {
                    var definition = new CohortDefinition
                    {
                        Entry = entry,
                        Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0, To = 1000 },
                        GroupBy = groupBy,
                        Survival = step > 0 ? new SurvivalRequest { Step = step } : null,
                    };
                    AssertNothingDerivable(definition, $"{entry.Kind} entry, groupBy [{string.Join(",", groupBy)}], step {step}");
                    audited++;
                }
            }
        }

        Assert.Equal(3 * 32 * 3, audited);
    }

    [Fact]
    public void No_answer_to_a_random_definition_over_the_generated_population_gives_a_small_count_away()
    {
        var random = new Random(47);
        var nonEmpty = 0;
        for (var i = 0; i < 200; i++)
        {
            var definition = RandomDefinitions.Make(random, people.Pools) with { MinCell = 10 + random.Next(3) * 5 };
            if (AssertNothingDerivable(definition, $"definition {i}") > 0) nonEmpty++;
        }

        Assert.True(nonEmpty > 50, $"only {nonEmpty} of 200 definitions selected anyone");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void No_answer_to_a_random_tally_near_min_cell_gives_a_small_count_away(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var step = random.Next(2) == 0 ? 0 : 30;
            var withOutcome = random.Next(2) == 0;
            var definition = new CohortDefinition
            {
                Entry = new CohortCriterion { Kind = EventKind.Lab },
                Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0 },
                GroupBy = withOutcome ? [GroupKey.Sex, GroupKey.Outcome] : [GroupKey.Sex],
                Survival = step > 0 ? new SurvivalRequest { Step = step } : null,
            };
            var tally = RandomPeopleTally(random, withOutcome, step);
            var answer = CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, 10);

            var found = CohortAnswerAudit.SmallCounts(definition, tally, answer);

            Assert.True(found.Count == 0, $"seed {seed} round {round}: {string.Join("; ", found.Select(f => $"{f.People} = {f.Count}"))}");
        }
    }

    /// <summary>Publishes the exact tally of <paramref name="definition"/> and audits it; returns the total counted.</summary>
    private long AssertNothingDerivable(CohortDefinition definition, string context)
    {
        var tally = people.Index.Count(definition);
        var answer = CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, 10);

        var found = CohortAnswerAudit.SmallCounts(definition, tally, answer);

        Assert.True(found.Count == 0, $"{context}: {string.Join("; ", found.Take(5).Select(f => $"{f.People} = {f.Count}"))}");
        return tally.Total;
    }

    /// <summary>
    /// The tally of a few dozen random people in three sexes, with small groups likely: each person has an outcome
    /// (yes with its day) or a censoring day, over up to four 30-day intervals.
    /// </summary>
    private static CohortTally RandomPeopleTally(Random random, bool withOutcome, int step)
    {
        var sexes = new[] { "F", "M", "U" };
        var people = Enumerable.Range(0, random.Next(0, 90)).Select(_ => (
            Sex: sexes[random.Next(random.Next(2) == 0 ? 1 : 3)],
            Died: random.Next(3) == 0,
            Interval: random.Next(4))).ToList();
        ImmutableArray<string> KeyOf((string Sex, bool Died, int Interval) p) =>
            withOutcome ? [p.Sex, p.Died ? "yes" : "no"] : [p.Sex];
        var groups = people.GroupBy(KeyOf, (key, members) => new GroupCount { Key = key, Count = members.Count() }, GroupKeyOrder.Instance);
        var survival = step == 0
            ? []
            : people.GroupBy(p => p.Sex).Select(g => new SurvivalCounts
            {
                Key = [g.Key],
                Events = [.. Enumerable.Range(0, 4).Select(k => (long)g.Count(p => p.Died && p.Interval == k))],
                Censored = [.. Enumerable.Range(0, 4).Select(k => (long)g.Count(p => !p.Died && p.Interval == k))],
            });
        return CohortTallies.Sum([new CohortTally { Total = people.Count, Groups = [.. groups], Survival = [.. survival] }]);
    }
}
