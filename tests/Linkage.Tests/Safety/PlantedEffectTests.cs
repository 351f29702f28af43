using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Safety;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Safety;

/// <summary>
/// A generated population with a drug that raises one outcome in days 1–28 after its first use, beside 300 outcomes it
/// does not touch and a drug that touches nothing: the screening finds the effect, and flags the null pairs about as
/// often as a 95% interval's lower tail should (2.5%).
/// </summary>
public sealed class PlantedEffectTests
{
    private const int People = 12_000;
    private const int NullCodes = 300;
    private static readonly DateOnly Start = new(2019, 1, 1);
    private static readonly DateTimeOffset AsOf = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<CohortIndex> Population = new(() =>
    {
        var random = new Random(2026);
        var index = new CohortIndex();
        var people = new List<PersonSummary>(People);
        for (var i = 0; i < People; i++)
        {
            var events = new List<SummaryEvent> { Vital("2019-01-01", "sbp", 120) };
            int? exposed = random.NextDouble() < 0.4 ? 400 + random.Next(1000) : null;
            if (exposed is { } a) events.Add(Medication(Start.AddDays(a).ToString("yyyy-MM-dd"), "1111001"));
            if (random.NextDouble() < 0.4) events.Add(Medication(Start.AddDays(400 + random.Next(1000)).ToString("yyyy-MM-dd"), "2222001"));
            for (var code = 0; code <= NullCodes; code++)
            {
                if (random.NextDouble() < 0.03) events.Add(Diagnosis(Start.AddDays(random.Next(1500)).ToString("yyyy-MM-dd"), Code(code)));
            }

            // The planted effect: one exposed person in ten has outcome P00 1 to 28 days after the drug.
            if (exposed is { } tA && random.NextDouble() < 0.1) events.Add(Diagnosis(Start.AddDays(tA + 1 + random.Next(28)).ToString("yyyy-MM-dd"), Code(0)));
            people.Add(Person([.. events], id: $"p.{i}"));
        }

        index.Apply(people.Select((p, i) => Component(i + 1, p)));
        return index;
    });

    /// <summary>P00 is the planted outcome; N001..N300 are not touched by either drug.</summary>
    private static string Code(int code) => code == 0 ? "P00.1" : $"N{code:000}.0";

    private static SsaAnswer Screen(string drug)
    {
        var request = new SsaRequest
        {
            Index = new() { Kind = EventKind.Medication, Code = drug },
            Screen = new() { Kind = EventKind.Receipt, Field = "code", Length = 4 },
            Window = 365, RunIn = 365, MinCell = 10,
        };
        var counts = SsaCountsMerge.Merge([new SsaEvaluator().Evaluate(new SsaQuery { Request = request }, Population.Value.Slices).Counts]);
        return SsaAnswers.Publish(request, counts, AsOf, new Linkage.Disclosure.CellRule(10, null));
    }

    [Fact]
    public void The_planted_effect_is_found_and_ranked_first()
    {
        var answer = Screen("1111");
        var top = answer.Rows!.Value[0];

        Assert.Equal("P00.", top.Code);
        Assert.True(top.Ratios.AsrLow > 1.5, $"asrLow {top.Ratios.AsrLow}");
        Assert.True(top.Ratios.Signal);
        Assert.Equal(NullCodes + 1, answer.Screened);
    }

    [Fact]
    public void Null_pairs_are_flagged_about_as_often_as_the_intervals_lower_tail_allows()
    {
        foreach (var drug in new[] { "1111", "2222" })
        {
            var nulls = Screen(drug).Rows!.Value.Where(r => r.Code.StartsWith('N')).ToList();
            var flagged = nulls.Count(r => r.Ratios.AsrLow > 1);

            // 2.5% of 300 is 7.5; more than 20 happens under the null with probability below 1 in 10,000.
            Assert.True(nulls.Count >= 290, $"{drug}: only {nulls.Count} null rows published");
            Assert.True(flagged <= 20, $"{drug}: {flagged} of {nulls.Count} null pairs have asrLow above 1");
            Assert.DoesNotContain(nulls, r => r.Ratios.Signal == true);
        }

        var nullDrug = Screen("2222").Rows!.Value.Single(r => r.Code == "P00.");
        Assert.False(nullDrug.Ratios.Signal, $"the null drug's P00 row: asrLow {nullDrug.Ratios.AsrLow}, q {nullDrug.Q}");
    }
}
