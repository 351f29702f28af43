using Linkage.Safety;

namespace Linkage.Tests.Safety;

public sealed class MaxSprtTests
{
    [Theory]
    [InlineData(0.5, 4, 50, 0.05, 3.475762, 0.038805)]
    [InlineData(0.5, 1, 20, 0.05, 3.369114, 0.046137)]
    [InlineData(1.0 / 3, 4, 100, 0.05, 3.437159, 0.049750)]
    [InlineData(0.5, 4, 200, 0.05, 3.682978, 0.049132)]
    [InlineData(0.25, 3, 60, 0.01, 5.073316, 0.009965)]
    public void Critical_value_is_the_contracts_test_vector(double p0, int minEvents, int maxEvents, double alpha, double cv, double spent)
    {
        var boundary = MaxSprt.CriticalValue(p0, minEvents, maxEvents, alpha);

        Assert.Equal(cv, boundary.CriticalValue, 6);
        Assert.Equal(spent, boundary.AlphaSpent, 6);
    }

    [Theory]
    [InlineData(20, 15, 0.5, 2.616241)]
    [InlineData(30, 12, 1.0 / 3, 0.291369)]
    public void Llr_is_the_contracts_test_vector(int n, int c, double p0, double expected) =>
        Assert.Equal(expected, MaxSprt.Llr(n, c, p0), 6);

    [Fact]
    public void Llr_is_zero_at_or_below_the_null_share() =>
        Assert.Equal([0.0, 0.0, 0.0], [MaxSprt.Llr(10, 5, 0.5), MaxSprt.Llr(10, 2, 0.5), MaxSprt.Llr(0, 0, 0.5)]);

    [Fact]
    public void Llr_with_every_event_in_the_risk_window_drops_the_empty_term() =>
        // c ln(c / (n p0)) with c = n = 4, p0 = 0.5: 4 ln 2.
        Assert.Equal(4 * Math.Log(2), MaxSprt.Llr(4, 4, 0.5), 12);

    [Fact]
    public void Critical_value_spends_no_more_than_alpha_and_the_next_lower_value_would() =>
        // p0 0.5, minEvents 1, maxEvents 2: attainable LLRs 0, ln 2 (1 of 1), 2 ln 2 (2 of 2). With v = ln 2 the walk
        // signals on the first event in the risk window (0.5), too much for alpha 0.3; v = 2 ln 2 signals only on two
        // of two (0.25).
        Assert.Equal(new MaxSprtBoundary(2 * Math.Log(2), 0.25), MaxSprt.CriticalValue(0.5, 1, 2, 0.3));
}
