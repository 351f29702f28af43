using Linkage.Benchmarks;

namespace Linkage.Tests.Benchmarks;

/// <summary>No count of people from 1 to minCell - 1 is published or derivable from a benchmark answer (the auditor's check).</summary>
public sealed class BenchmarkDisclosureTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.UnixEpoch;

    [Fact]
    public void The_auditor_finds_the_withheld_count_the_sum_of_expected_gives_away()
    {
        // Published as if only Y were withheld: the sum of expected (100) minus 40 and 55 is Y's 5.
        StratumCount[] counts = [new("X", "", 100, 40), new("Y", "", 100, 5), new("Z", "", 200, 55)];
        var answer = BenchmarkAnswers.Publish(BenchmarkAnswersTests.Request(), counts, 0, AsOf, null);
        var leaky = answer with
        {
            Facilities = [answer.Facilities[0] with { Observed = 40, Complementary = false }, .. answer.Facilities[1..]],
        };

        var found = BenchmarkAnswerAudit.SmallCounts(IndirectStandardisation.Of(counts), 0, leaky, null);

        Assert.Contains(found, d => d.Count == 5 && d.People == "Y with the outcome");
        Assert.Empty(BenchmarkAnswerAudit.SmallCounts(IndirectStandardisation.Of(counts), 0, answer, null));
    }

    [Fact]
    public void No_small_count_is_derivable_from_any_answer()
    {
        var random = new Random(1919);
        var pseudonyms = new FacilityPseudonyms("disclosure-test-secret");
        var audited = 0;
        for (var run = 0; run < 400; run++)
        {
            var minCell = random.Next(3, 12);
            var facilities = random.Next(1, 7);
            var counts = new List<StratumCount>();
            for (var f = 0; f < facilities; f++)
            {
                foreach (var stratum in new[] { "A", "B" })
                {
                    // Sizes around minCell, outcomes anywhere from none to all: the edges are where leaks are.
                    var people = random.Next(0, 3 * minCell);
                    if (people == 0) continue;
                    counts.Add(new StratumCount($"{1300000000 + f}", stratum, people, random.Next(0, people + 1)));
                }
            }

            var unattributed = random.Next(0, 2 * minCell);
            var request = BenchmarkAnswersTests.Request(minCell: minCell);
            var exact = IndirectStandardisation.Of(counts);
            foreach (var names in new[] { null, pseudonyms })
            {
                var answer = BenchmarkAnswers.Publish(request, counts, unattributed, AsOf, names);

                Assert.Empty(BenchmarkAnswerAudit.SmallCounts(exact, unattributed, answer, names));
                Assert.All(answer.Facilities, f => Assert.True(f.People >= minCell));
                Assert.Equal(answer.Facilities.Count(f => f.Observed is null), answer.Suppressed);
                audited++;
            }
        }

        Assert.Equal(800, audited);
    }
}
