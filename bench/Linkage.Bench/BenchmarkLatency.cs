using System.Diagnostics;
using System.Globalization;
using Linkage.Benchmarks;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Bench;

/// <summary>
/// benchmark-v1 latency on one index of a generated population whose receipts are spread over a number of
/// facilities: the evaluator's counting over the slices plus the statistics and disclosure of the answer, p50/p99.
/// </summary>
/// <remarks>
/// The generator gives each person their own clinic and hospital, so the receipts' facilities are mapped onto
/// <c>facilities</c> codes (by a hash of the original code: one hospital stays one facility). The answer's people
/// are checked against the reference evaluator's count of the same indicator before anything is timed.
/// </remarks>
internal static class BenchmarkLatency
{
    private const int WarmUp = 3;

    public static int Run(int people, int seed, int facilities, int runs, TextWriter output)
    {
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        output.WriteLine($"benchmarks --people {people} --seed {seed} --facilities {facilities} --runs {runs}");
        output.WriteLine(CohortBenchmark.Machine.Describe());

        var clock = Stopwatch.StartNew();
        var (linked, _, _, records) = CohortBenchmark.Generate(people, seed, 1.0, keepLines: false);
        var spread = linked.Select(p => (p.Id, Records: (IReadOnlyCollection<FeedEvent>)[.. p.Records.Select(r => Spread(r, facilities))])).ToArray();
        output.WriteLine($"population: {N(people)} generated, {N(records)} current records, {N(linked.Length)} linked people, in {clock.Elapsed.TotalSeconds:N1} s");

        clock.Restart();
        var index = new CohortIndex();
        index.Apply(spread.Select((p, i) => new IndexUpdate { Component = new ComponentId(i), People = [PersonSummaries.Of(p.Id, p.Records)] }));
        index.Merge();
        output.WriteLine($"index: {N(index.People)} people in {clock.Elapsed.TotalSeconds:N1} s");

        var indicators = new (string Name, BenchmarkRequest Request)[]
        {
            ("any receipt, death within 30 days, by sex and age10", Request(new CohortCriterion { Kind = EventKind.Receipt }, 30, [GroupKey.Sex, GroupKey.Age10], false)),
            ("E11 receipt, death within 365 days, sex, age10, pref, overdispersion", Request(new CohortCriterion { Kind = EventKind.Receipt, Code = "E11" }, 365, [GroupKey.Sex, GroupKey.Age10, GroupKey.Pref], true)),
        };

        var evaluator = new BenchmarkEvaluator();
        foreach (var (name, request) in indicators)
        {
            // Checked first: the people it counts are the reference evaluator's.
            var expected = CohortEvaluator.Count(BenchmarkCounts.Counting(request), spread);
            BenchmarkAnswer Answer()
            {
                var partial = evaluator.Evaluate(new BenchmarkQuery { Request = request }, index.Slices);
                var counts = BenchmarkCounts.Of(request, partial.Tally);
                if (counts.People != expected.Total) throw new InvalidOperationException($"{name}: the index counted {counts.People} people, the reference evaluator {expected.Total}");
                return BenchmarkAnswers.Publish(request, counts.Strata, counts.Unattributed, DateTimeOffset.UtcNow, null);
            }

            var answer = Answer();
            for (var i = 1; i < WarmUp; i++) Answer();
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                Answer();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine($"{name}: {N(expected.Total)} people, {answer.Facilities.Length} facilities shown, {answer.Suppressed} withheld, " +
                             $"{answer.Facilities.Count(f => f.Flag != FunnelFlag.Within)} flagged; p50 {times[times.Count / 2]:N1} ms, p99 {times[(int)Math.Min(times.Count - 1, Math.Ceiling(times.Count * 0.99) - 1)]:N1} ms");
        }

        return 0;
    }

    private static BenchmarkRequest Request(CohortCriterion entry, int days, GroupKey[] adjust, bool overdispersion) => new()
    {
        Indicator = new CohortDefinition { Entry = entry, Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0, To = days } },
        Adjust = [.. adjust],
        Overdispersion = overdispersion,
    };

    /// <summary>The record with its receipt's facility mapped onto one of <paramref name="facilities"/> codes.</summary>
    private static FeedEvent Spread(FeedEvent record, int facilities) =>
        record.Data is ReceiptData { Facility: { } code } receipt
            ? record with { Data = receipt with { Facility = (1_300_000_000 + Fnv(code) % (uint)facilities).ToString(CultureInfo.InvariantCulture) } }
            : record;

    /// <summary>FNV-1a of the code: the same facility in every run (string hash codes change from process to process).</summary>
    private static uint Fnv(string code)
    {
        var hash = 2166136261u;
        foreach (var c in code) hash = unchecked((hash ^ c) * 16777619u);
        return hash;
    }
}
