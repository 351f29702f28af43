using Linkage.Cohorts;
using Linkage.Disclosure;
using Linkage.Feeds;
using Linkage.Tests.Cohorts.Index;

namespace Linkage.Tests.Disclosure;

/// <summary>
/// The cell-key perturbation over the generated population's index: differencing two overlapping definitions no
/// longer gives the handful between them, the same people always get the same count, and counts stay safe.
/// </summary>
public sealed class PerturbationTests(GeneratedPopulationIndexTests.LinkedPeople people) : IClassFixture<GeneratedPopulationIndexTests.LinkedPeople>
{
    private const int MinCell = 10;
    private static readonly CellPerturbation Perturbation = new("a test secret of enough length");
    private static readonly CohortCriterion AnyReceipt = new() { Kind = EventKind.Receipt };

    private CohortAnswer Publish(CohortDefinition definition, CellPerturbation? perturbation) =>
        CohortAnswers.Publish(definition, people.Index.Count(definition, perturbation), DateTimeOffset.UnixEpoch, MinCell, perturbation);

    private static CohortDefinition EnteringBy(DateOnly to) => new() { Entry = AnyReceipt, Period = new DatePeriod { To = to } };

    [Fact]
    public void Two_definitions_a_handful_of_people_apart_no_longer_give_the_handful_by_subtraction()
    {
        // Tracker pairs: receipts entering up to one day and up to a few days later, 1 to 5 people apart.
        var pairs = new List<(long Exact, long Published)>();
        var first = new DateOnly(2021, 1, 1);
        for (var day = 0; day < 900 && pairs.Count < 40; day += 7)
        {
            var (early, late) = (EnteringBy(first.AddDays(day)), EnteringBy(first.AddDays(day + 1)));
            var exact = people.Index.Count(late).Total - people.Index.Count(early).Total;
            if (exact is < 1 or > 5) continue;
            var (a, b) = (Publish(early, Perturbation), Publish(late, Perturbation));
            if (a.Total is not { } publishedEarly || b.Total is not { } publishedLate) continue;
            pairs.Add((exact, publishedLate - publishedEarly));
        }

        Assert.True(pairs.Count >= 20, $"only {pairs.Count} tracker pairs found");
        var given = pairs.Count(p => p.Exact == p.Published);

        // Independent offsets agree about a quarter of the time (0.1² + 0.2² + 0.4² + 0.2² + 0.1² = 0.26).
        Assert.True(given <= pairs.Count * 0.6, $"{given} of {pairs.Count} differences are exact");
        Assert.All(pairs, p => Assert.InRange(p.Published - p.Exact, -4, 4));
    }

    [Fact]
    public void The_same_people_get_the_same_count_whichever_definition_selects_them_and_however_often()
    {
        var definition = new CohortDefinition { Entry = AnyReceipt, GroupBy = [GroupKey.Sex, GroupKey.Age10] };

        // The entry event lies at day 0 of its own window: requiring it again selects the very same people.
        var same = definition with { Require = [AnyReceipt with { From = 0, To = 0 }] };

        var (answer, again, other) = (Publish(definition, Perturbation), Publish(definition, Perturbation), Publish(same, Perturbation));

        Assert.True(answer.Perturbed);
        Assert.Equal(people.Index.Count(definition).Total, people.Index.Count(same).Total);
        Assert.Equal(answer, again);
        Assert.Equal(answer.Total, other.Total);
        Assert.True(answer.Groups.SequenceEqual(other.Groups), string.Join("; ", answer.Groups.Zip(other.Groups).Where(p => p.First != p.Second).Select(p => $"{string.Join(",", p.First.Key)} {p.First.Count}/{p.First.Complementary} vs {string.Join(",", p.Second.Key)} {p.Second.Count}/{p.Second.Complementary}")));
    }

    [Fact]
    public void Perturbed_counts_are_within_two_of_the_exact_ones_and_no_published_count_is_small()
    {
        var random = new Random(5);
        var perturbedSome = false;
        for (var i = 0; i < 150; i++)
        {
            var definition = RandomDefinitions.Make(random, people.Pools);
            var exact = people.Index.Count(definition);
            var answer = Publish(definition, Perturbation);

            Assert.True(answer.Perturbed);
            foreach (var count in answer.Groups.Select(g => g.Count).Append(answer.Total).OfType<long>())
            {
                Assert.True(count >= MinCell, $"definition {i}: published {count}");
            }

            foreach (var group in answer.Groups.Where(g => g.Count is not null))
            {
                var truth = exact.Groups.Single(g => g.Key.SequenceEqual(group.Key)).Count;
                Assert.InRange(group.Count!.Value - truth, -2, 2);
                perturbedSome |= group.Count != truth;
            }

            foreach (var row in answer.Survival?.SelectMany(t => t.Intervals) ?? [])
            {
                Assert.True(row.AtRisk >= MinCell && row.Events is 0 or >= MinCell && row.Censored is 0 or >= MinCell, $"definition {i}: row {row}");
            }
        }

        Assert.True(perturbedSome, "no published count differed from the exact one");
    }

    [Fact]
    public void Without_perturbation_the_answer_is_exact()
    {
        var definition = new CohortDefinition { Entry = AnyReceipt, GroupBy = [GroupKey.Sex] };

        var answer = Publish(definition, perturbation: null);

        Assert.False(answer.Perturbed);
        var exact = people.Index.Count(definition);
        Assert.Equal(exact.Total, answer.Total);
        Assert.Equal(exact.Groups.Select(g => (long?)g.Count), answer.Groups.Select(g => g.Count));
    }

    [Fact]
    public void Offsets_are_at_most_two_keep_0_and_small_counts_above_0_and_follow_the_table()
    {
        var random = new Random(3);
        var seen = new Dictionary<long, int>();
        for (var i = 0; i < 20_000; i++)
        {
            var offset = CellPerturbation.Offset(100, (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));
            seen[offset] = seen.GetValueOrDefault(offset) + 1;
        }

        Assert.Equal([-2L, -1, 0, 1, 2], seen.Keys.Order());
        foreach (var (offset, share) in new Dictionary<long, double> { [-2] = 0.1, [-1] = 0.2, [0] = 0.4, [1] = 0.2, [2] = 0.1 })
        {
            Assert.InRange(seen[offset] / 20_000.0, share - 0.02, share + 0.02);
        }

        Assert.Equal(0, CellPerturbation.Offset(0, 0));
        Assert.All(Enumerable.Range(0, 200), k => Assert.True(1 + CellPerturbation.Offset(1, (ulong)k * 92233720368547758UL) >= 1));
    }
}
