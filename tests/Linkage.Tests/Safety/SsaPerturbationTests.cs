using System.Collections.Immutable;
using System.Text.Json;
using Linkage.Cohorts;
using Linkage.Disclosure;
using Linkage.Feeds;
using Linkage.Safety;
using Linkage.Tests.Cohorts.Index;

namespace Linkage.Tests.Safety;

/// <summary>
/// cohort-v1's cell-key perturbation on researchers' sequence symmetry answers: each published count is its cell's
/// perturbed count, the ratios come from the published counts, nothing small is published or derivable, the
/// authority still reads exact counts, and the same people get the same count as in a cohort answer.
/// </summary>
public sealed class SsaPerturbationTests(GeneratedPopulationIndexTests.LinkedPeople people) : IClassFixture<GeneratedPopulationIndexTests.LinkedPeople>
{
    private static readonly DateTimeOffset AsOf = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly CellPerturbation Perturbation = new("a test secret of enough length");
    private static readonly CellRule Perturbed = new(10, Perturbation);

    private static readonly SsaRequest Pair = new()
    {
        Index = new() { Kind = EventKind.Medication, Code = "2149" },
        Marker = new() { Kind = EventKind.Receipt, Code = "K29" },
        MinCell = 10,
    };

    /// <summary>A cell key: this share of the way round the circle of 64-bit fractions of 1.</summary>
    private static ulong Key(double share) => (ulong)(share * 18446744073709551616.0);

    /// <summary>
    /// SsaAnswersTests' pair (1000 people, 200 incident index on day 0, 300 incident marker on days -10 and 10, 50
    /// both, 45 within the window, 3 same-day, nAB 30, nBA 12; nsr 2) with cell keys chosen by hand. Offsets by key:
    /// [0, 0.1) -2, [0.1, 0.3) -1, [0.3, 0.7) 0, [0.7, 0.9) +1, [0.9, 1) +2. Atom keys: neither 0.25, index only 0.35,
    /// marker only 0.1, outside the window 0.3, same day 0, index first 0.95, marker first 0.2.
    /// </summary>
    private static SsaCounts KeyedCounts() => new()
    {
        People = 1000,
        // 0.25 + 0.35 + 0.1 + 0.3 + 0 + 0.95 + 0.2 = 2.15: 0.15 round the circle.
        PeopleKey = Key(0.15),
        // index only + both = 0.35 + 0.45.
        IndexKey = Key(0.8),
        IndexDays = NullEffectRatioTests.Histogram((0, 200)),
        Markers = [new SsaMarkerCounts
        {
            Code = "", Both = 50, WithinWindow = 45, Ties = 3, IndexFirst = 30, MarkerFirst = 12,
            MarkerDays = NullEffectRatioTests.Histogram((-10, 100), (10, 200)),
            // marker only + both = 0.1 + 0.45; both = outside 0.3 + within 0.15; within = 0 + 0.95 + 0.2 = 0.15 round the circle.
            MarkerKey = Key(0.55), BothKey = Key(0.45), WithinWindowKey = Key(0.15), TiesKey = 0,
            IndexFirstKey = Key(0.95), MarkerFirstKey = Key(0.2),
        }],
    };

    [Fact]
    public void A_researchers_pair_publishes_each_cells_perturbed_count_and_ratios_interval_and_p_from_them()
    {
        var answer = SsaAnswers.Publish(Pair, KeyedCounts(), AsOf, Perturbed);

        // people 0.15 → -1; incident index 0.8 → +1; incident marker 0.55 → 0; both and within window hidden as
        // without perturbation (SsaAnswersTests); without ties 0.95 + 0.2 = 0.15 → -1.
        Assert.True(answer.Perturbed);
        Assert.Equal([999, 201, 300, null, null, 41], answer.Attrition.Select(s => s.Count));
        // nAB 30 + 2, nBA 12 - 1. By mpmath 1.3: csr 32/11, asr 16/11; Jeffreys Beta(32.5, 11.5) at 0.025 and 0.975
        // as odds over nsr 2: 0.752917 and 2.967855; P(X >= 32) for X ~ Binomial(43, 2/3): 0.18048519.
        var pair = answer.Pair!;
        Assert.Equal((32L, 11L), (pair.IndexFirst, pair.MarkerFirst));
        Assert.Equal((2.9091, 2.0, 1.4545), (pair.Csr, pair.Nsr, pair.Asr));
        Assert.Equal((0.7529, 2.9679), (pair.AsrLow, pair.AsrHigh));
        Assert.Equal(0.180485, pair.P);
        Assert.False(pair.Signal);
        Assert.True(JsonDocument.Parse(SsaAnswerJson.ToJson(answer)).RootElement.GetProperty("perturbed").GetBoolean());
    }

    [Fact]
    public void The_authority_reads_exact_counts_whatever_the_keys_and_an_exact_answer_says_nothing_of_perturbation()
    {
        var answer = SsaAnswers.Publish(Pair, KeyedCounts(), AsOf, rule: null);

        Assert.False(answer.Perturbed);
        Assert.Equal([1000, 200, 300, 50, 45, 42], answer.Attrition.Select(s => s.Count));
        Assert.Equal((30L, 12L, 2.5), (answer.Pair!.IndexFirst, answer.Pair.MarkerFirst, answer.Pair.Csr));
        Assert.False(JsonDocument.Parse(SsaAnswerJson.ToJson(answer)).RootElement.TryGetProperty("perturbed", out _));

        // Without perturbation the keys change nothing: SsaAnswersTests' answer.
        var unperturbed = SsaAnswers.Publish(Pair, KeyedCounts(), AsOf, new CellRule(10, null));
        Assert.False(unperturbed.Perturbed);
        Assert.Equal([1000, 200, 300, null, null, 42], unperturbed.Attrition.Select(s => s.Count));
    }

    /// <summary>
    /// nsr 1 for every code (marker days symmetric about the index day), so p is the tail of Binomial(n, 1/2) at the
    /// published nAB. By mpmath 1.3: B02 62 of 75: p 4.198004e-9; D04 40 of 60: 0.006744647; A01 20 of 40: 0.5626853;
    /// E05 8 of 28: 0.9937295; C03 3 of 33: 0.99999993. BH over the five: q 5·p(B02) = 2.09900e-8, 5/2·p(D04) =
    /// 0.0168616, 5/3·p(A01) = 0.937809.
    /// </summary>
    [Fact]
    public void A_screening_ranks_perturbed_rows_computes_q_from_them_and_leaves_out_a_row_perturbed_below_minCell()
    {
        var screening = Pair with { Marker = null, Screen = new MarkerScreen { Kind = EventKind.Receipt, Field = "code", Length = 3 } };
        SsaMarkerCounts Marker(string code, long ab, long ba, double abKey, double baKey) => new()
        {
            Code = code, Both = ab + ba, WithinWindow = ab + ba, IndexFirst = ab, MarkerFirst = ba,
            MarkerDays = NullEffectRatioTests.Histogram((-10, 100), (10, 100)),
            IndexFirstKey = Key(abKey), MarkerFirstKey = Key(baKey),
        };
        var counts = new SsaCounts
        {
            People = 1000, PeopleKey = Key(0.5), IndexKey = Key(0.5),
            IndexDays = NullEffectRatioTests.Histogram((0, 200)),
            Markers =
            [
                // A01 and D04 unchanged (0.5 → 0); B02 60 + 2 and 15 - 2; C03 small; E05 10 published as 8: left out.
                Marker("A01", 20, 20, 0.5, 0.5), Marker("B02", 60, 15, 0.95, 0.05), Marker("C03", 3, 30, 0.5, 0.5),
                Marker("D04", 40, 20, 0.5, 0.5), Marker("E05", 10, 20, 0.05, 0.5),
            ],
        };

        var answer = SsaAnswers.Publish(screening, counts, AsOf, Perturbed);

        Assert.True(answer.Perturbed);
        Assert.Equal((2, 5), (answer.SuppressedRows, answer.Screened));
        Assert.Equal(["B02", "D04", "A01"], answer.Rows!.Value.Select(r => r.Code));
        var (b02, d04, a01) = (answer.Rows.Value[0], answer.Rows.Value[1], answer.Rows.Value[2]);
        Assert.Equal((62L, 13L, 4.7692), (b02.Ratios.IndexFirst, b02.Ratios.MarkerFirst, b02.Ratios.Csr));
        Assert.Equal((2.6968, 8.9212, 4.19800e-9), (b02.Ratios.AsrLow, b02.Ratios.AsrHigh, b02.Ratios.P));
        Assert.Equal((2.09900e-8, 0.0168616, 0.937809), (b02.Q, d04.Q, a01.Q));
        Assert.Equal((true, true, false), (b02.Ratios.Signal, d04.Ratios.Signal, a01.Ratios.Signal));
        Assert.Equal([1000, 200], answer.Attrition.Select(s => s.Count));
    }

    [Fact]
    public void Perturbed_pairs_publish_no_small_count_none_further_than_two_from_exact_and_the_auditor_finds_nothing_derivable()
    {
        var random = new Random(23);
        var perturbedSome = false;
        for (var trial = 0; trial < 300; trial++)
        {
            long[] atoms = [.. Enumerable.Range(0, 7).Select(_ => (long)random.Next(0, 25))];
            ulong[] keys = [.. Enumerable.Range(0, 7).Select(_ => (ulong)random.NextInt64() * 2 + (ulong)random.Next(2))];
            ulong Sum(params int[] set) => set.Aggregate(0UL, (s, a) => unchecked(s + keys[a]));
            var both = atoms[3] + atoms[4] + atoms[5] + atoms[6];
            var counts = new SsaCounts
            {
                People = atoms.Sum(), PeopleKey = Sum(0, 1, 2, 3, 4, 5, 6), IndexKey = Sum(1, 3, 4, 5, 6),
                IndexDays = NullEffectRatioTests.Histogram((0, atoms[1] + both)),
                Markers = [new SsaMarkerCounts
                {
                    Code = "", Both = both, WithinWindow = atoms[4] + atoms[5] + atoms[6], Ties = atoms[4],
                    IndexFirst = atoms[5], MarkerFirst = atoms[6], MarkerDays = NullEffectRatioTests.Histogram((5, atoms[2] + both)),
                    MarkerKey = Sum(2, 3, 4, 5, 6), BothKey = Sum(3, 4, 5, 6), WithinWindowKey = Sum(4, 5, 6), TiesKey = Sum(4),
                    IndexFirstKey = Sum(5), MarkerFirstKey = Sum(6),
                }],
            };

            var answer = SsaAnswers.Publish(Pair, counts, AsOf, Perturbed);

            // The reader's view, from the contract's meaning of each number; the auditor works on the exact counts.
            ImmutableArray<int>[] steps = [[0, 1, 2, 3, 4, 5, 6], [1, 3, 4, 5, 6], [2, 3, 4, 5, 6], [3, 4, 5, 6], [4, 5, 6], [5, 6]];
            var published = answer.Attrition.Select((s, i) => (s, i)).Where(x => x.s.Count is not null)
                .Select(x => new PublishedSum(x.s.Step, steps[x.i])).ToList();
            if (answer.Pair!.IndexFirst is not null) published.AddRange([new PublishedSum("nAB", [5]), new PublishedSum("nBA", [6])]);
            Assert.Empty(DisclosureAuditor.SmallCounts([.. atoms.Select((c, i) => ($"atom{i}", c))], published, 10));

            var shown = answer.Attrition.Select((s, i) => (Published: s.Count, Exact: (long?)steps[i].Sum(a => atoms[a])))
                .Append((answer.Pair.IndexFirst, atoms[5])).Append((answer.Pair.MarkerFirst, atoms[6]))
                .Where(c => c.Published is not null).ToList();
            Assert.All(shown, c => Assert.True(c.Published is 0 or >= 10 && Math.Abs(c.Published!.Value - c.Exact!.Value) <= 2, $"trial {trial}: published {c.Published} for {c.Exact}"));
            perturbedSome |= shown.Any(c => c.Published != c.Exact);
            if (answer.Pair.IndexFirst is { } ab) Assert.Equal(answer.Pair.MarkerFirst is { } ba && ba > 0 ? SsaAnswers.Ratio((double)ab / ba) : null, answer.Pair.Csr);
        }

        Assert.True(perturbedSome, "some published count should differ from its exact count");
    }

    /// <summary>
    /// With no run-in, a pair's incident marker is everyone with a marker record: the very people of the cohort
    /// entering on it. The index's keyed evaluation gives them the same cell key, so a researcher sees the same
    /// perturbed count in both answers (and the exact counts agree).
    /// </summary>
    [Fact]
    public void The_people_of_a_step_get_the_count_a_cohort_answer_gives_the_same_people()
    {
        var checkedSteps = 0;
        foreach (var (index, marker) in new[] { ("2149", "I10"), ("3969", "E11"), ("2149", "K29"), ("3969", "I") })
        {
            var request = new SsaRequest
            {
                Index = new() { Kind = EventKind.Medication, Code = index }, Marker = new() { Kind = EventKind.Receipt, Code = marker },
                Window = 365, RunIn = 0, MinCell = 10,
            };
            var keyed = new SsaEvaluator(Perturbation).Evaluate(new SsaQuery { Request = request, Keyed = true }, people.Index.Slices).Counts;
            var plain = new SsaEvaluator(Perturbation).Evaluate(new SsaQuery { Request = request }, people.Index.Slices).Counts;
            var answer = SsaAnswers.Publish(request, SsaCountsMerge.Merge([keyed]), AsOf, Perturbed);

            Assert.True(answer.Perturbed);
            Assert.Equal(0UL, plain.PeopleKey);

            // Key sums add up over slices like the counts, and the bins' keys add up to nAB's and nBA's.
            var bySlice = SsaCountsMerge.Merge(people.Index.Slices.Select(slice => new SsaEvaluator(Perturbation).Evaluate(new SsaQuery { Request = request, Keyed = true }, [slice]).Counts));
            Assert.Equal(SsaCountsMerge.Merge([keyed]), bySlice);
            var m = keyed.Markers[0];
            Assert.Equal(unchecked(m.IndexFirstKey + m.MarkerFirstKey), SequenceBins.KeysOf(m.Gaps!, request.Window).Aggregate(0UL, (sum, k) => unchecked(sum + k)));
            var exactDays = SsaAnswers.Publish(request, keyed, AsOf, rule: null).SequenceDays!.Value;
            Assert.All(answer.SequenceDays!.Value.Zip(exactDays), b => Assert.True(
                b.First.Count is null || (b.First.Count is 0 or >= 10 && Math.Abs(b.First.Count.Value - b.Second.Count!.Value) <= 2), $"bin {b.First} for {b.Second}"));
            foreach (var (step, criterion) in new[] { ("incident index", request.Index), ("incident marker", request.Marker!) })
            {
                var definition = new CohortDefinition { Entry = criterion };
                var cohort = CohortAnswers.Publish(definition, people.Index.Count(definition, Perturbation), AsOf, 10, Perturbation);
                var exact = people.Index.Count(definition).Total;
                var shown = answer.Attrition.Single(s => s.Step == step).Count;
                Assert.Equal(exact, step == "incident index" ? keyed.IndexDays.Total : keyed.Markers[0].MarkerDays.Total);
                if (shown is null || cohort.Total is null) continue;
                Assert.Equal(cohort.Total, shown);
                checkedSteps++;
            }
        }

        Assert.True(checkedSteps >= 4, $"only {checkedSteps} steps were published in both answers");
    }
}
