using Linkage.Surveillance;

namespace Linkage.Tests.Surveillance;

/// <summary>EARS C1, C2, C3 as surveillance-v1 defines them, against values worked out by hand.</summary>
public sealed class EarsTests
{
    [Fact]
    public void Baselines_start_with_the_series_and_the_sd_floor_and_C3_over_three_days_give_the_hand_computed_values()
    {
        // Nine quiet days, then 1, 2, 3. C2(9) = 1 / 0.5 = 2, C2(10) = 4, C2(11) = 6 (baselines all 0: sd floored to 0.5);
        // C3(11) = (2-1) + (4-1) + (6-1) = 9. C1(9) = 1 / 0.5 = 2; C1(10): baseline 3..9 = six 0s and a 1, mean 1/7,
        // sd sqrt(1/7) = 0.378 < 0.5, so (2 - 1/7) / 0.5 = 3.7143.
        var days = Ears.Evaluate([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);

        Assert.All(days[..7], d => Assert.Equal((null, null, null), (d.C1, d.C2, d.C3)));
        Assert.Equal((0.0, (double?)null), (days[7].C1!.Value, days[7].C2));
        Assert.Equal((2.0, 2.0, (double?)null), (days[9].C1!.Value, days[9].C2!.Value, days[9].C3));
        Assert.Equal((3.7143, 4.0, (double?)null), (days[10].C1!.Value, days[10].C2!.Value, days[10].C3));
        Assert.Equal(9.0, days[11].C3);
        Assert.Equal(["c1", "c2"], days[10].Alarms.ToArray());
        Assert.Empty(days[9].Alarms);
        Assert.Equal(["c2", "c3"], days[11].Alarms.Where(a => a != "c1"));
    }

    [Fact]
    public void A_varying_baseline_uses_its_sample_sd_and_statistics_are_rounded_to_four_decimals()
    {
        // Baseline 1,2,1,2,1,2,1: mean 10/7, sample variance (4 (3/7)^2 + 3 (4/7)^2) / 6 = 2/7, sd 0.534522;
        // C1(7) = (5 - 10/7) / 0.534522 = 6.68153...
        var days = Ears.Evaluate([1, 2, 1, 2, 1, 2, 1, 5]);

        Assert.Equal(6.6815, days[7].C1);
        Assert.Equal(["c1"], days[7].Alarms.ToArray());
    }

    [Fact]
    public void An_alarm_needs_the_statistic_above_its_limit()
    {
        // Whole counts over a floored sd (0.5) step C1 by 2: zeros and y = 1 give C1 = 2 (no alarm), y = 2 gives 4 (alarm).
        Assert.Empty(Ears.Evaluate([0, 0, 0, 0, 0, 0, 0, 1])[7].Alarms);
        Assert.Equal(["c1"], Ears.Evaluate([0, 0, 0, 0, 0, 0, 0, 2])[7].Alarms.ToArray());
    }
}
