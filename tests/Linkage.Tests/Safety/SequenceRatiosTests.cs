using Linkage.Safety;

namespace Linkage.Tests.Safety;

/// <summary>Expected quantiles and tails computed by hand with mpmath 1.3 at 30 digits (bisection on betainc; a sum of binomial terms).</summary>
public sealed class SequenceRatiosTests
{
    [Fact]
    public void Jeffreys_interval_and_exact_p_with_a_null_ratio_of_one()
    {
        var estimate = SequenceRatios.Estimate(122, 58, 1.0);

        Assert.Equal(122.0 / 58, estimate.Csr!.Value, 12);
        Assert.Equal(122.0 / 58, estimate.Asr!.Value, 12);
        Assert.Equal(Odds(0.607095238512168), estimate.AsrLow!.Value, 9);
        Assert.Equal(Odds(0.742795067625198), estimate.AsrHigh!.Value, 9);
        Assert.Equal(1.049422163897e-6, estimate.P!.Value, 15);
        Assert.True(estimate.Signal);
    }

    [Fact]
    public void Adjusted_ratio_and_interval_are_divided_by_the_null_ratio_and_p_uses_its_share()
    {
        var nsr = 0.45 / 0.55;

        var estimate = SequenceRatios.Estimate(40, 25, nsr);

        Assert.Equal(1.6 / nsr, estimate.Asr!.Value, 12);
        Assert.Equal(Odds(0.49419955120501) / nsr, estimate.AsrLow!.Value, 9);
        Assert.Equal(Odds(0.726547195262299) / nsr, estimate.AsrHigh!.Value, 9);
        Assert.Equal(0.00537552271522017, estimate.P!.Value, 12);
        Assert.True(estimate.Signal);
    }

    [Fact]
    public void A_lower_bound_below_one_is_no_signal()
    {
        var estimate = SequenceRatios.Estimate(3, 7, 1.0);

        Assert.Equal(Odds(0.0926945939381532), estimate.AsrLow!.Value, 9);
        Assert.Equal(Odds(0.605818318148671), estimate.AsrHigh!.Value, 9);
        Assert.False(estimate.Signal);
    }

    [Fact]
    public void Without_marker_first_sequences_the_ratios_are_null_but_the_interval_is_not()
    {
        var estimate = SequenceRatios.Estimate(10, 0, 1.0);

        Assert.Null(estimate.Csr);
        Assert.Null(estimate.Asr);
        Assert.Equal(Odds(0.782803732490789), estimate.AsrLow!.Value, 9);
        Assert.Equal(0.0009765625, estimate.P!.Value, 15);
    }

    [Fact]
    public void Without_a_null_ratio_nothing_adjusted_is_given()
    {
        var estimate = SequenceRatios.Estimate(10, 5, null);

        Assert.Equal(2.0, estimate.Csr);
        Assert.Equal((null, null, null, null, false), (estimate.Asr, estimate.AsrLow, estimate.AsrHigh, estimate.P, estimate.Signal));
    }

    [Fact]
    public void Binomial_upper_tail_at_the_ends() =>
        Assert.Equal([1.0, 0.0, 0.9877054464], [SequenceRatios.UpperTail(10, 0, 0.3), SequenceRatios.UpperTail(10, 11, 0.3), Math.Round(SequenceRatios.UpperTail(10, 3, 0.6), 10)]);

    private static double Odds(double q) => q / (1 - q);
}
