using Linkage.Benchmarks;

namespace Linkage.Tests.Benchmarks;

/// <summary>Indirect standardisation, funnel limits and overdispersion on examples worked out by hand.</summary>
public sealed class StandardisationTests
{
    /// <summary>
    /// Two strata, three facilities. Stratum A: X 10/100, Y 10/50, Z 0/50, so r_A = 20/200 = 0.1. Stratum B: X 30/100,
    /// Y 30/150, Z 20/50, so r_B = 80/300 = 4/15. E_X = 10 + 400/15 = 110/3, E_Y = 5 + 40 = 45, E_Z = 5 + 200/15 = 55/3.
    /// </summary>
    internal static readonly StratumCount[] TwoStrata =
    [
        new("X", "A", 100, 10), new("Y", "A", 50, 10), new("Z", "A", 50, 0),
        new("X", "B", 100, 30), new("Y", "B", 150, 30), new("Z", "B", 50, 20),
    ];

    [Fact]
    public void Expected_counts_use_each_strata_reference_rate()
    {
        var facilities = IndirectStandardisation.Of(TwoStrata);

        Assert.Equal(["X", "Y", "Z"], facilities.Select(f => f.Facility));
        Assert.Equal([200L, 200L, 100L], facilities.Select(f => f.People));
        Assert.Equal([40L, 40L, 20L], facilities.Select(f => f.Observed));
        Assert.Equal(110.0 / 3, facilities[0].Expected, 9);
        Assert.Equal(45.0, facilities[1].Expected, 9);
        Assert.Equal(55.0 / 3, facilities[2].Expected, 9);
        Assert.Equal(40 / (110.0 / 3), facilities[0].Smr!.Value, 9);
        Assert.Equal(40 / 45.0, facilities[1].Smr!.Value, 9);
    }

    [Fact]
    public void The_expected_counts_add_up_to_the_observed_ones()
    {
        var random = new Random(19);
        for (var run = 0; run < 50; run++)
        {
            var cells = Enumerable.Range(0, 40).Select(_ =>
            {
                var people = random.Next(1, 60);
                return new StratumCount($"F{random.Next(8)}", $"S{random.Next(5)}", people, random.Next(0, people + 1));
            }).ToList();

            var facilities = IndirectStandardisation.Of(cells);

            Assert.Equal(cells.Sum(c => c.Outcomes), facilities.Sum(f => f.Expected), 6);
        }
    }

    [Fact]
    public void A_stratum_without_outcomes_expects_none_and_its_facility_has_no_ratio()
    {
        var facilities = IndirectStandardisation.Of([new("X", "A", 30, 0), new("Y", "A", 20, 0), new("Y", "B", 20, 5)]);

        Assert.Equal(0, facilities[0].Expected);
        Assert.Null(facilities[0].Smr);
        Assert.Equal(5, facilities[1].Expected, 9);
    }

    [Theory]
    [InlineData(0.95, 1.959964)]
    [InlineData(0.998, 3.090232)]
    [InlineData(0.6826894921370859, 1.0)]
    public void Z_is_the_normal_quantile_of_the_two_sided_coverage(double coverage, double z)
    {
        Assert.Equal(z, FunnelLimits.Z(coverage), 6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void A_coverage_outside_zero_to_one_is_refused(double coverage)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FunnelLimits.Z(coverage));
    }

    [Fact]
    public void Limits_are_one_plus_and_minus_z_over_the_root_of_expected()
    {
        // E = 45: 1 / sqrt(45) = 0.1490712; 1.959964 × that = 0.2921742, 3.090232 × that = 0.4606646.
        var at95 = FunnelLimits.At(0.95, 45, tau2: 0);
        var at998 = FunnelLimits.At(0.998, 45, tau2: 0);

        Assert.Equal(0.7078258, at95.Low, 5);
        Assert.Equal(1.2921742, at95.High!.Value, 5);
        Assert.Equal(0.5393354, at998.Low, 5);
        Assert.Equal(1.4606646, at998.High!.Value, 5);
    }

    [Fact]
    public void The_lower_limit_is_never_below_zero()
    {
        // E = 2: 3.090232 / sqrt(2) = 2.185124.
        var limit = FunnelLimits.At(0.998, 2, tau2: 0);

        Assert.Equal(0, limit.Low);
        Assert.Equal(3.185124, limit.High!.Value, 5);
    }

    [Fact]
    public void Nothing_expected_has_no_upper_limit_and_flags_within()
    {
        var limit = FunnelLimits.At(0.95, 0, tau2: 0);

        Assert.Equal(new FunnelLimit(0.95, 0, null), limit);
        Assert.Equal(FunnelFlag.Within, FunnelLimits.FlagOf(null, limit));
    }

    [Fact]
    public void An_smr_on_a_limit_is_within_and_just_past_it_is_flagged()
    {
        var limit = new FunnelLimit(0.95, 0.5, 1.5);

        Assert.Equal(FunnelFlag.Within, FunnelLimits.FlagOf(1.5, limit));
        Assert.Equal(FunnelFlag.Within, FunnelLimits.FlagOf(0.5, limit));
        Assert.Equal(FunnelFlag.High, FunnelLimits.FlagOf(Math.BitIncrement(1.5), limit));
        Assert.Equal(FunnelFlag.Low, FunnelLimits.FlagOf(Math.BitDecrement(0.5), limit));
    }

    [Fact]
    public void Without_excess_spread_tau2_is_zero()
    {
        // z² = (O - E)² / E: (10/3)² / (110/3) = 10/33, 25/45 = 5/9, (5/3)² / (55/3) = 5/33; I φ = 1.0101 is not above I - 1 = 2.
        Assert.Equal(0, Overdispersion.Tau2(IndirectStandardisation.Of(TwoStrata)));
    }

    [Fact]
    public void Excess_spread_gives_the_additive_random_effects_variance()
    {
        // One stratum, r = 100/400: E = 25, 25, 50; z² = 9, 9, 0; I φ = 18 > 2;
        // τ² = (18 - 2) / (100 - (625 + 625 + 2500) / 100) = 16 / 62.5 = 0.256.
        var facilities = IndirectStandardisation.Of([new("X", "", 100, 40), new("Y", "", 100, 10), new("Z", "", 200, 50)]);

        Assert.Equal(0.256, Overdispersion.Tau2(facilities), 12);
    }

    [Fact]
    public void Z_scores_are_winsorized_at_the_tenth_smallest_and_largest()
    {
        // Eleven facilities expecting 4 each: z = (O - 4) / 2. ⌈1.1⌉ = 2, so the 8 is lowered to the second largest, 2:
        // Σ z² = 11 × 4 = 44, φ = 4; τ² = (44 - 10) / (44 - 11 × 16 / 44) = 34 / 40. Unwinsorized it would be 94 / 40.
        long[] observed = [0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 20];
        var facilities = observed.Select((o, i) => new FacilityExpectation($"F{i}", 100, o, 4.0));

        Assert.Equal(0.85, Overdispersion.Tau2(facilities), 12);
    }

    [Fact]
    public void Overdispersion_widens_the_limits_by_tau2()
    {
        // E = 25, τ² = 0.256: 1.959964 × sqrt(0.04 + 0.256) = 1.959964 × 0.5440588 = 1.0663357.
        var limit = FunnelLimits.At(0.95, 25, tau2: 0.256);

        Assert.Equal(0, limit.Low);
        Assert.Equal(2.0663358, limit.High!.Value, 5);
    }
}
