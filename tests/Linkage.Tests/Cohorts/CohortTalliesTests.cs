using Linkage.Cohorts;
using static Linkage.Tests.Cohorts.CohortRecords;

namespace Linkage.Tests.Cohorts;

/// <summary>Tallies of disjoint people add up to the tally of them all.</summary>
public sealed class CohortTalliesTests
{
    private static GroupCount Group(long count, params string[] key) => new() { Key = [.. key], Count = count };

    [Fact]
    public void Counts_of_equal_groups_add_and_other_groups_join_in_key_order()
    {
        var first = new CohortTally { Total = 7, Groups = [Group(5, "M", "40-49"), Group(2, "F", "90+")], Survival = [] };
        var second = new CohortTally { Total = 4, Groups = [Group(3, "F", "90+"), Group(1, "F", "10-19")], Survival = [] };

        var sum = CohortTallies.Add(first, second);

        Assert.Equal(11, sum.Total);
        Assert.Equal(["F,10-19=1", "F,90+=5", "M,40-49=5"], Groups(sum));
    }

    [Fact]
    public void Survival_counts_add_interval_by_interval_whatever_their_lengths()
    {
        var first = new CohortTally { Total = 0, Groups = [], Survival = [new SurvivalCounts { Key = ["F"], Events = [1, 2], Censored = [0, 1] }] };
        var second = new CohortTally
        {
            Total = 0,
            Groups = [],
            Survival =
            [
                new SurvivalCounts { Key = ["M"], Events = [4], Censored = [0] },
                new SurvivalCounts { Key = ["F"], Events = [1, 0, 0, 3], Censored = [1, 0, 2, 0] },
            ],
        };

        var sum = CohortTallies.Add(first, second);

        Assert.Equal(
        [
            new SurvivalCounts { Key = ["F"], Events = [2, 2, 0, 3], Censored = [1, 1, 2, 0] },
            new SurvivalCounts { Key = ["M"], Events = [4], Censored = [0] },
        ], sum.Survival.ToArray());
    }

    [Fact]
    public void The_canonical_form_has_no_empty_groups_or_trailing_empty_intervals()
    {
        var tally = new CohortTally
        {
            Total = 3,
            Groups = [Group(0, "M"), Group(3, "F")],
            Survival =
            [
                new SurvivalCounts { Key = ["F"], Events = [1, 0, 0], Censored = [0, 2, 0] },
                new SurvivalCounts { Key = ["M"], Events = [0, 0], Censored = [0, 0] },
            ],
        };

        var canonical = CohortTallies.Sum([tally]);

        Assert.Equal(["F=3"], Groups(canonical));
        Assert.Equal([new SurvivalCounts { Key = ["F"], Events = [1, 0], Censored = [0, 2] }], canonical.Survival.ToArray());
        Assert.Equal(canonical, CohortTallies.Sum([canonical]));
        Assert.Equal(CohortTally.Empty, CohortTallies.Sum([]));
    }

    [Theory]
    [InlineData(11, 2)]
    [InlineData(12, 3)]
    [InlineData(13, 7)]
    public void The_tallies_of_any_split_of_the_people_add_up_to_the_tally_of_all(int seed, int parts)
    {
        var definition = Definition("""
            {"entry":{"kind":"receipt","code":"E11"},"require":[{"kind":"lab","min":6.5,"from":-365,"to":365}],
             "outcome":{"kind":"death","to":730},"groupBy":["sex","age10","pref","entryYear","outcome"],"survival":{"step":90}}
            """);
        var people = RandomPeople.Make(seed, 600);
        var random = new Random(seed);
        var partOf = people.Select(_ => random.Next(parts)).ToArray();

        var whole = CohortEvaluator.Count(definition, people);
        var split = Enumerable.Range(0, parts).Select(p => CohortEvaluator.Count(definition, people.Where((_, i) => partOf[i] == p)));

        Assert.True(whole.Total > 20, $"expected the random people to make a cohort worth splitting, saw {whole.Total}");
        Assert.Equal(whole, CohortTallies.Sum(split));
        Assert.Equal(whole.Total, whole.Groups.Sum(g => g.Count));
        Assert.Equal(whole.Total, whole.Survival.Sum(s => s.Events.Sum() + s.Censored.Sum()));
    }
}
