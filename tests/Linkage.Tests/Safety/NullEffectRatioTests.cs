using Linkage.Safety;

namespace Linkage.Tests.Safety;

public sealed class NullEffectRatioTests
{
    [Fact]
    public void Counts_markers_inside_the_window_on_either_side_and_not_on_the_index_day()
    {
        // window 2. Index days 10 (2 people) and 20 (1). Markers: 7 (out of reach), 8, 10 (same day), 11 (3), 12, 21 (2), 25.
        // d = 10: after = m11..12 = 4, before = m8..9 = 1. d = 20: after = m21..22 = 2, before = m18..19 = 0.
        // p = (2*4 + 1*2) / (2*(4+1) + 1*(2+0)) = 10 / 12; nsr = p / (1 - p) = 5.
        var index = Histogram((10, 2), (20, 1));
        var marker = Histogram((7, 4), (8, 1), (10, 5), (11, 3), (12, 1), (21, 2), (25, 1));

        Assert.Equal(10.0 / 12, NullEffectRatio.IndexFirstShare(index, marker, 2)!.Value, 12);
        Assert.Equal(5.0, NullEffectRatio.Of(index, marker, 2)!.Value, 9);
    }

    [Fact]
    public void Without_markers_near_any_index_day_it_is_undefined() =>
        Assert.Null(NullEffectRatio.Of(Histogram((10, 2)), Histogram((100, 1)), 30));

    [Fact]
    public void With_markers_only_after_it_is_undefined() =>
        Assert.Null(NullEffectRatio.Of(Histogram((10, 2)), Histogram((11, 1)), 30));

    internal static DayHistogram Histogram(params (int Day, long Count)[] days) =>
        new() { Days = [.. days.Select(d => d.Day)], Counts = [.. days.Select(d => d.Count)] };
}
