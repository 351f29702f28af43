using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Safety;
using Linkage.Tests.Cohorts.Index;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Safety;

/// <summary>The sequence symmetry evaluator over the cohort index, held to hand counts and to a plain evaluation.</summary>
public sealed class SsaIndexTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    private static SsaCounts Evaluate(CohortIndex index, SsaRequest request) =>
        SsaCountsMerge.Merge([new SsaEvaluator().Evaluate(new SsaQuery { Request = request }, index.Slices).Counts]);

    private static SsaRequest Pair(string drug, string diagnosis, int window = 365, int runIn = 30) => new()
    {
        Index = new CohortCriterion { Kind = EventKind.Medication, Code = drug },
        Marker = new CohortCriterion { Kind = EventKind.Receipt, Code = diagnosis },
        Window = window, RunIn = runIn, MinCell = 10,
    };

    [Fact]
    public void Observation_starts_at_any_record_and_suspected_or_prevalent_first_dates_do_not_count()
    {
        var index = IndexOf(
            // Observed from a lab on Jan 1: the drug (Mar 1) and the ulcer (Mar 11) are both incident, drug first.
            Person(Lab("2019-01-01", "3D046", 6.0), Medication("2019-03-01", "2149039"), Diagnosis("2019-03-11", "K29.7")),
            // The drug on the first record is prevalent (run-in 30): only the ulcer counts.
            Person(Medication("2019-01-05", "2149"), Diagnosis("2019-04-01", "K29"), Medication("2019-05-01", "2149")),
            // Ulcer before the drug, 40 days apart.
            Person(Vital("2019-01-01", "sbp", 120), Diagnosis("2019-02-10", "K29.1"), Medication("2019-03-22", "2149")),
            // A suspected ulcer is no ulcer (receipts hold only confirmed diagnoses in the summary): drug only.
            Person(Vital("2019-01-01", "sbp", 120), Medication("2019-03-22", "2149"), Receipt("2019-04-01", procedures: ["K67"])));

        var counts = Evaluate(index, Pair("2149", "K29"));
        var marker = Assert.Single(counts.Markers);

        Assert.Equal(4, counts.People);
        Assert.Equal([Day("2019-03-01").DayNumber, Day("2019-03-22").DayNumber, Day("2019-03-22").DayNumber], counts.IndexDays.Days.SelectMany((d, i) => Enumerable.Repeat(d, (int)counts.IndexDays.Counts[i])));
        Assert.Equal(3, marker.MarkerDays.Total);
        Assert.Equal((2L, 2L, 0L, 1L, 1L), (marker.Both, marker.WithinWindow, marker.Ties, marker.IndexFirst, marker.MarkerFirst));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_index_counts_what_a_plain_evaluation_counts_through_updates_and_merges(int seed)
    {
        var random = new Random(seed);
        var components = RandomComparisonTests.RandomComponents(random, 400);
        var index = new CohortIndex();
        index.Apply(components.Select(c => Component(c.Key, c.Value)));
        if (seed == 2) index.Merge();
        for (var u = 0; u < 60; u++)
        {
            var component = (long)random.Next(1300);
            var people = random.Next(5) == 0 ? [] : RandomPeople.Make(random, 1);
            index.Apply(Component(component, people));
            if (people.Length == 0) components.Remove(component);
            else components[component] = people;
        }

        var everyone = components.Values.SelectMany(p => p).ToList();
        SsaRequest[] requests =
        [
            Pair("3969", "E1", window: 365, runIn: 0),
            Pair("2149", "I", window: 90, runIn: 30) with { Period = new DatePeriod { From = new DateOnly(2019, 6, 1), To = new DateOnly(2022, 12, 31) } },
            new SsaRequest { Index = new() { Kind = EventKind.Receipt, Drug = "D1" }, Marker = new() { Kind = EventKind.Death }, Window = 1000, RunIn = 60, MinCell = 10 },
            new SsaRequest { Index = new() { Kind = EventKind.Medication, Code = "3969" }, Screen = new() { Kind = EventKind.Receipt, Field = "code", Length = 3 }, Window = 200, RunIn = 10, MinCell = 10 },
            new SsaRequest { Index = new() { Kind = EventKind.Receipt, Code = "E11" }, Screen = new() { Kind = EventKind.Receipt, Field = "drug", Length = 2 }, Window = 200, RunIn = 0, MinCell = 10 },
            new SsaRequest { Index = new() { Kind = EventKind.Lab, Code = "3D" }, Screen = new() { Kind = EventKind.Medication, Field = "code", Length = 4 }, Window = 500, RunIn = 0, MinCell = 10 },
        ];

        foreach (var request in requests)
        {
            var expected = NaiveSsa.Count(request, everyone);
            Assert.Equal(expected, Evaluate(index, request));
            Assert.True(expected.Markers.Sum(m => m.IndexFirst + m.MarkerFirst) > 0, $"{SsaRequestJson.ToJson(request)} found no sequence: it would prove little");
        }
    }

    [Fact]
    public void A_screening_row_equals_the_single_pair_answer_of_its_code()
    {
        var random = new Random(7);
        var index = new CohortIndex();
        index.Apply(RandomComparisonTests.RandomComponents(random, 600).Select(c => Component(c.Key, c.Value)));
        var screening = new SsaRequest
        {
            Index = new() { Kind = EventKind.Medication, Code = "3969" }, Screen = new() { Kind = EventKind.Receipt, Field = "code", Length = 3 },
            Window = 400, RunIn = 0, MinCell = 10,
        };

        var rows = SsaAnswers.Publish(screening, Evaluate(index, screening), AsOf, rule: null).Rows!.Value;

        Assert.True(rows.Length >= 3, $"only {rows.Length} rows");
        foreach (var row in rows)
        {
            var single = screening with { Screen = null, Marker = new CohortCriterion { Kind = EventKind.Receipt, Code = row.Code } };
            var pair = SsaAnswers.Publish(single, Evaluate(index, single), AsOf, rule: null).Pair!;
            Assert.Equal(pair with { Signal = null }, row.Ratios with { Signal = null });
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Any_arrival_order_gives_the_same_answer(int seed)
    {
        var random = new Random(seed);
        var components = RandomComparisonTests.RandomComponents(random, 300).ToArray();
        var request = new SsaRequest
        {
            Index = new() { Kind = EventKind.Medication, Code = "2149" }, Screen = new() { Kind = EventKind.Receipt, Field = "code", Length = 2 },
            Window = 365, RunIn = 0, MinCell = 10,
        };

        SsaAnswer AnswerAfter(IEnumerable<KeyValuePair<long, PersonSummary[]>> order, int mergeAfter)
        {
            var index = new CohortIndex();
            var applied = 0;
            foreach (var (component, people) in order)
            {
                index.Apply(Component(component, people));
                if (++applied == mergeAfter) index.Merge();
            }

            return SsaAnswers.Publish(request, Evaluate(index, request), AsOf, new Linkage.Disclosure.CellRule(3, null));
        }

        var expected = AnswerAfter(components, mergeAfter: -1);
        Assert.Equal(expected, AnswerAfter(components.OrderBy(_ => random.Next()), mergeAfter: 100));
        Assert.Equal(expected, AnswerAfter(components.Reverse(), mergeAfter: 250));
        Assert.NotEmpty(expected.Rows!.Value);
    }
}
