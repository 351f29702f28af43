using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Cohorts;

/// <summary>Over random tallies and any asked min cell: nothing published is ever a small cell.</summary>
public sealed class SuppressionPropertyTests
{
    private static readonly string[] Sexes = ["F", "M", "U"];
    private static readonly string[] Decades = ["0-9", "40-49", "60-69", "90+"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void No_published_count_is_ever_from_1_to_the_floor_minus_1_whatever_min_cell_is_asked(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 400; round++)
        {
            var floor = random.Next(1, 25);
            var asked = random.Next(-3, 40);
            var step = random.Next(1, 40);
            var definition = new CohortDefinition
            {
                Entry = new CohortCriterion { Kind = EventKind.Lab },
                Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0 },
                GroupBy = [GroupKey.Sex, GroupKey.Age10],
                MinCell = asked,
                Survival = new SurvivalRequest { Step = step },
            };
            var tally = RandomTally(random, floor);
            var context = $"seed {seed} round {round}: floor {floor}, asked {asked}";

            var answer = CohortAnswers.Publish(definition, tally, DateTimeOffset.UnixEpoch, floor);

            var minCell = Math.Max(asked, floor);
            Assert.True(answer.MinCell == minCell, $"{context}: expected minCell {minCell}, saw {answer.MinCell}");
            AssertNotSmall(answer.Total, minCell, $"{context}: total");
            Assert.True(answer.Total is null || answer.Total == tally.Total, $"{context}: total {answer.Total} is not the tally's {tally.Total}");
            foreach (var group in answer.Groups)
            {
                var exact = tally.Groups.Single(g => g.Key.SequenceEqual(group.Key)).Count;
                AssertNotSmall(group.Count, minCell, $"{context}: group {string.Join(",", group.Key)}");
                Assert.True(group.Count is null ? exact < minCell || group.Complementary : group.Count == exact && !group.Complementary, $"{context}: group {string.Join(",", group.Key)} of {exact} published as {group.Count}");
            }

            Assert.Equal(tally.Groups.Count(g => g.Count > 0), answer.Groups.Length);
            Assert.Equal(answer.Groups.Count(g => g.Count is null), answer.Suppressed);
            foreach (var table in answer.Survival!.Value)
            {
                var next = 0;
                foreach (var interval in table.Intervals)
                {
                    var at = $"{context}: group {string.Join(",", table.Key)} interval {interval.From}-{interval.To}";
                    Assert.True(interval.AtRisk >= minCell, $"{at}: {interval.AtRisk} at risk");
                    Assert.True(interval.Events == 0 || interval.Events >= minCell, $"{at}: {interval.Events} events");
                    Assert.True(interval.From == next && (interval.To + 1) % step == 0, $"{at}: expected to start at {next} and end at a step");
                    Assert.InRange(interval.Survival, 0.0, 1.0);
                    next = interval.To + 1;
                }
            }
        }
    }

    private static void AssertNotSmall(long? count, int minCell, string what) =>
        Assert.True(count is null or 0 || count >= minCell, $"{what}: published {count}, below min cell {minCell}");

    /// <summary>Counts near the floor are the interesting ones: most are drawn from 0 to three times it.</summary>
    private static CohortTally RandomTally(Random random, int floor)
    {
        var keys = Sexes.SelectMany(s => Decades.Select(d => new[] { s, d })).Where(_ => random.Next(3) > 0).ToArray();
        var groups = keys.Select(k => new GroupCount { Key = [.. k], Count = random.Next(0, 3 * floor + 2) }).ToArray();
        var survival = keys.Where(_ => random.Next(2) == 0).Select(k =>
        {
            var length = random.Next(0, 15);
            return new SurvivalCounts
            {
                Key = [.. k],
                Events = [.. Enumerable.Range(0, length).Select(_ => (long)random.Next(0, floor + 3))],
                Censored = [.. Enumerable.Range(0, length).Select(_ => (long)random.Next(0, floor + 3))],
            };
        }).ToArray();
        return new CohortTally { Total = groups.Sum(g => g.Count), Groups = [.. groups], Survival = [.. survival] };
    }
}
