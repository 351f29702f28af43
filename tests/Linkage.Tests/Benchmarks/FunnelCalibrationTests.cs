using Linkage.Benchmarks;
using MathNet.Numerics.Distributions;

namespace Linkage.Tests.Benchmarks;

/// <summary>
/// Under the null (every facility has the reference risk of each stratum) the limits at coverage L leave about 1 - L of
/// the facilities outside: the funnel neither cries wolf nor hides.
/// </summary>
public sealed class FunnelCalibrationTests
{
    [Fact]
    public void About_two_per_thousand_null_facilities_fall_outside_the_998_limits()
    {
        var random = new Random(2005);
        var request = BenchmarkAnswersTests.Request() with { Adjust = [] };
        long facilities = 0, outside998 = 0, outside95 = 0;
        for (var population = 0; population < 100; population++)
        {
            // 400 facilities of 2,000 to 6,000 people (20 to 120 expected), two strata with risks 0.01 and 0.02 in a
            // facility-specific mix: rare enough for the limits' Poisson variance to hold.
            var counts = new List<StratumCount>();
            for (var f = 0; f < 400; f++)
            {
                var people = random.Next(2000, 6001);
                var inFirst = Binomial.Sample(random, random.NextDouble(), people);
                counts.Add(new StratumCount($"F{f}", "A", inFirst, Binomial.Sample(random, 0.01, inFirst)));
                counts.Add(new StratumCount($"F{f}", "B", people - inFirst, Binomial.Sample(random, 0.02, people - inFirst)));
            }

            var answer = BenchmarkAnswers.Publish(request, counts, 0, DateTimeOffset.UnixEpoch, null);
            foreach (var facility in answer.Facilities)
            {
                facilities++;
                if (facility.Flags[1] != FunnelFlag.Within) outside998++;
                if (facility.Flags[0] != FunnelFlag.Within) outside95++;
            }
        }

        // 40,000 facilities: 0.2% is 80 (binomial sd 9), 5% is 2,000 (sd 44). The normal approximation of the
        // limits is not exact in the tails of small counts, hence the margins.
        Assert.Equal(40_000, facilities);
        Assert.InRange(outside998, 50, 120);
        Assert.InRange(outside95, 1_800, 2_200);
    }
}
