using Linkage.Safety;

namespace Linkage.Tests.Safety;

public sealed class BenjaminiHochbergTests
{
    [Fact]
    public void Adjusts_by_rank_and_keeps_q_monotone()
    {
        // Sorted: 0.01 (1), 0.03 (2), 0.04 (3), 0.2 (4): m p / rank = 0.04, 0.06, 0.05333, 0.2; the minimum from above
        // makes rank 2 0.05333 too.
        var q = BenjaminiHochberg.Adjust([0.01, 0.04, 0.03, 0.2]);

        Assert.Collection(
            q,
            v => Assert.Equal(0.04, v, 12),
            v => Assert.Equal(0.16 / 3, v, 12),
            v => Assert.Equal(0.16 / 3, v, 12),
            v => Assert.Equal(0.2, v, 12));
    }

    [Fact]
    public void Is_at_most_one() => Assert.Equal([1.0, 1.0], BenjaminiHochberg.Adjust([0.9, 1.0]));
}
