using System.Security.Cryptography;
using System.Text;
using Linkage.Benchmarks;
using Linkage.Cohorts;
using Linkage.Feeds;

namespace Linkage.Tests.Benchmarks;

/// <summary>Published answers: what is shown, what is withheld, pseudonyms, and the JSON of benchmark-v1.</summary>
public sealed class BenchmarkAnswersTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

    internal static BenchmarkRequest Request(bool overdispersion = false, int minCell = 10) => new()
    {
        Indicator = new CohortDefinition
        {
            Entry = new CohortCriterion { Kind = EventKind.Receipt, Code = "I21" },
            Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0, To = 30 },
            MinCell = minCell,
        },
        Overdispersion = overdispersion,
        MinCell = minCell,
    };

    [Fact]
    public void Three_facilities_in_two_strata_get_their_ratios_limits_and_flags()
    {
        var answer = BenchmarkAnswers.Publish(Request(), StandardisationTests.TwoStrata, unattributed: 0, AsOf, pseudonyms: null);

        Assert.Equal(0, answer.Tau2);
        Assert.Equal(0, answer.Suppressed);
        Assert.Equal(0L, answer.Unattributed);
        var y = answer.Facilities[1];
        Assert.Equal("Y", y.Facility);
        Assert.Equal(40L, y.Observed);
        Assert.Equal(45, y.Expected, 9);
        Assert.Equal(0.888889, y.Smr!.Value, 6);
        Assert.Equal(0.7078258, y.Limits[0].Low, 6);
        Assert.Equal(1.4606646, y.Limits[1].High!.Value, 6);
        Assert.All(answer.Facilities, f => Assert.Equal([FunnelFlag.Within, FunnelFlag.Within], f.Flags.ToArray()));
    }

    [Fact]
    public void With_overdispersion_the_limits_widen_and_a_flag_goes_away()
    {
        // One stratum, E = 25, 25, 50 and τ² = 0.256. Without it X (smr 1.6, E 25) is high at 0.95
        // (1 + 1.959964 / 5 = 1.392) and within at 0.998 (1 + 3.090232 / 5 = 1.618); with it, within at both.
        StratumCount[] counts = [new("X", "", 100, 40), new("Y", "", 100, 10), new("Z", "", 200, 50)];

        var plain = BenchmarkAnswers.Publish(Request(), counts, 0, AsOf, null);
        var widened = BenchmarkAnswers.Publish(Request(overdispersion: true), counts, 0, AsOf, null);

        Assert.Equal([FunnelFlag.High, FunnelFlag.Within], plain.Facilities[0].Flags.ToArray());
        Assert.Equal(FunnelFlag.Within, plain.Facilities[0].Flag);
        Assert.Equal([FunnelFlag.Low, FunnelFlag.Within], plain.Facilities[1].Flags.ToArray());
        Assert.Equal(0.256, widened.Tau2, 12);
        Assert.Equal(2.0663357, widened.Facilities[0].Limits[0].High!.Value, 6);
        Assert.All(widened.Facilities, f => Assert.Equal([FunnelFlag.Within, FunnelFlag.Within], f.Flags.ToArray()));
    }

    [Fact]
    public void The_flag_is_the_one_at_the_widest_coverage_whatever_the_order()
    {
        StratumCount[] counts = [new("X", "", 100, 40), new("Y", "", 100, 10), new("Z", "", 200, 50)];
        var request = Request() with { Limits = [0.998, 0.95] };

        var answer = BenchmarkAnswers.Publish(request, counts, 0, AsOf, null);

        Assert.Equal([FunnelFlag.Within, FunnelFlag.High], answer.Facilities[0].Flags.ToArray());
        Assert.Equal(FunnelFlag.Within, answer.Facilities[0].Flag);
    }

    [Fact]
    public void A_small_observed_count_is_withheld_but_its_expected_limits_and_flags_are_shown()
    {
        // W has 5 people (left out) so the sum of expected publishes nothing; Y's 5 deaths are withheld alone.
        StratumCount[] counts = [new("W", "", 5, 1), new("X", "", 100, 40), new("Y", "", 100, 5), new("Z", "", 200, 54)];

        var answer = BenchmarkAnswers.Publish(Request(), counts, unattributed: 3, AsOf, null);

        Assert.Equal(["X", "Y", "Z"], answer.Facilities.Select(f => f.Facility));
        var y = answer.Facilities[1];
        Assert.Null(y.Observed);
        Assert.Null(y.Smr);
        Assert.False(y.Complementary);
        Assert.Equal(100 * 100 / 405.0, y.Expected, 9);
        Assert.Equal(FunnelFlag.Low, y.Flags[0]);
        Assert.Equal(1, answer.Suppressed);
        Assert.Null(answer.Unattributed);
    }

    [Fact]
    public void People_without_the_outcome_being_few_withholds_the_observed_count_too()
    {
        StratumCount[] counts = [new("W", "", 5, 1), new("X", "", 100, 95), new("Y", "", 100, 50)];

        var answer = BenchmarkAnswers.Publish(Request(), counts, 0, AsOf, null);

        Assert.Null(answer.Facilities[0].Observed);
        Assert.Equal(50L, answer.Facilities[1].Observed);
    }

    [Fact]
    public void When_every_facility_is_shown_a_complementary_observed_count_is_withheld()
    {
        // The expected counts add up to 100 outcomes: with only Y's withheld, 100 - 40 - 55 = 5 would be Y's.
        StratumCount[] counts = [new("X", "", 100, 40), new("Y", "", 100, 5), new("Z", "", 200, 55)];

        var answer = BenchmarkAnswers.Publish(Request(), counts, 0, AsOf, null);

        Assert.Equal(2, answer.Suppressed);
        Assert.Null(answer.Facilities[0].Observed);
        Assert.True(answer.Facilities[0].Complementary);
        Assert.Null(answer.Facilities[1].Observed);
        Assert.Equal(55L, answer.Facilities[2].Observed);
    }

    [Fact]
    public void Facilities_below_min_cell_are_left_out_but_count_in_the_reference_rates()
    {
        StratumCount[] counts = [new("W", "", 9, 9), new("X", "", 100, 20), new("Y", "", 100, 20)];

        var answer = BenchmarkAnswers.Publish(Request(), counts, 0, AsOf, null);

        // r = 49 / 209: E = 100 × 49 / 209.
        Assert.Equal(["X", "Y"], answer.Facilities.Select(f => f.Facility));
        Assert.Equal(4900 / 209.0, answer.Facilities[0].Expected, 9);
    }

    [Fact]
    public void Researchers_see_keyed_pseudonyms_that_are_stable_and_sorted()
    {
        const string secret = "a-test-secret-of-enough-length";
        var pseudonyms = new FacilityPseudonyms(secret);

        var answer = BenchmarkAnswers.Publish(Request(), StandardisationTests.TwoStrata, 0, AsOf, pseudonyms);

        var expected = new[] { "X", "Y", "Z" }.Select(code =>
            "f." + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(code))[..9])
                .Replace('+', '-').Replace('/', '_')).Order(StringComparer.Ordinal);
        Assert.Equal(expected, answer.Facilities.Select(f => f.Facility));
        Assert.All(answer.Facilities, f => Assert.Matches("^f\\.[A-Za-z0-9_-]{12}$", f.Facility));
        Assert.NotEqual(pseudonyms.Of("1312345678"), new FacilityPseudonyms("another-secret-of-length").Of("1312345678"));
    }

    [Fact]
    public void The_json_rounds_expected_to_3_decimals_and_ratios_to_4()
    {
        StratumCount[] counts = [new("W", "", 5, 1), new("X", "", 100, 40), new("Y", "", 100, 5), new("Z", "", 200, 54)];
        var answer = BenchmarkAnswers.Publish(Request(), counts, 12, AsOf, null);

        var json = BenchmarkAnswerJson.ToJson(answer);

        // r = 100 / 405: E_X = 24.691358, smr 40 / 24.691358 = 1.62; limits at 0.95: 1 ± 1.959964 / 4.969040.
        Assert.StartsWith("""{"asOf":"2026-12-06T22:00:00Z","minCell":10,"adjust":["sex","age10"],"unattributed":12,"tau2":0,"facilities":[""", json);
        Assert.Contains("""{"facility":"X","n":100,"observed":40,"expected":24.691,"smr":1.62,"limits":[{"coverage":0.95,"low":0.6056,"high":1.3944},""", json);
        Assert.Contains("""{"facility":"Y","n":100,"observed":null,"expected":24.691,"smr":null,""", json);
        Assert.EndsWith("""],"suppressed":1}""", json);
    }
}
