using System.Diagnostics;
using System.Globalization;
using Linkage.Bench.Sql;
using Linkage.Benchmarks;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Bench;

/// <summary>
/// benchmark-v1 latency on one index of a generated population whose receipts are spread over a number of
/// facilities: the evaluator's counting over the slices plus the statistics and disclosure of the answer, p50/p99,
/// beside DuckDB SQL computing the same observed and expected counts over a Parquet export of the same records.
/// </summary>
/// <remarks>
/// The generator gives each person their own clinic and hospital, so the receipts' facilities are mapped onto
/// <c>facilities</c> codes (by a hash of the original code: one hospital stays one facility) before anything reads
/// them: the index and the Parquet export hold the same mapped codes. Before anything is timed, the answer's people
/// are checked against the reference evaluator's count of the same indicator, and every facility's people, observed
/// and expected counts against DuckDB SQL over the export (<see cref="BenchmarkSql"/>).
/// </remarks>
internal static class BenchmarkLatency
{
    private const int WarmUp = 3;

    public static async Task<int> RunAsync(int people, int seed, int facilities, int runs, int? duckDbThreads, TextWriter output)
    {
        output.WriteLine($"benchmarks --people {people} --seed {seed} --facilities {facilities} --runs {runs}");
        output.WriteLine(CohortBenchmark.Machine.Describe());
        long[] expected = [];
        using var population = await ExportedPopulation.CreateAsync(people, seed, facilities, duckDbThreads, output, linked => expected = Expected(linked));
        return Compare(expected, population.Index, population.Duck, runs, output);
    }

    /// <summary>The indicators timed, each with a name.</summary>
    private static readonly (string Name, BenchmarkRequest Request)[] Indicators =
    [
        ("any receipt, death within 30 days, by sex and age10", Request(new CohortCriterion { Kind = EventKind.Receipt }, 30, [GroupKey.Sex, GroupKey.Age10], false)),
        ("E11 receipt, death within 365 days, sex, age10, pref, overdispersion", Request(new CohortCriterion { Kind = EventKind.Receipt, Code = "E11" }, 365, [GroupKey.Sex, GroupKey.Age10, GroupKey.Pref], true)),
    ];

    /// <summary>The people each indicator counts, by the reference evaluator, while the records are in memory.</summary>
    internal static long[] Expected((string Id, IReadOnlyCollection<FeedEvent> Records)[] linked) =>
        [.. Indicators.Select(i => CohortEvaluator.Count(BenchmarkCounts.Counting(i.Request), linked).Total)];

    internal static int Compare(long[] expected, CohortIndex index, DuckDbCohortDatabase duck, int runs, TextWriter output)
    {
        var indicators = Indicators;
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var evaluator = new BenchmarkEvaluator();
        var sql = indicators.Select(i => BenchmarkSql.Of(i.Request)).ToArray();
        BenchmarkCounts Count(BenchmarkRequest request) => BenchmarkCounts.Of(request, evaluator.Evaluate(new BenchmarkQuery { Request = request }, index.Slices).Tally);

        // 1. Every answer equal before anything is timed: the people counted are the reference evaluator's, and per
        //    facility DuckDB's people and observed equal the index's, its expected and SMR at the contract's rounding.
        var same = true;
        foreach (var (i, (name, request)) in indicators.Index())
        {
            var counts = Count(request);
            if (counts.People != expected[i])
            {
                output.WriteLine($"DIFFERENT: {name}: the index counted {counts.People} people, the reference evaluator {expected[i]}");
                same = false;
            }

            same &= Same(name, duck.Benchmark(sql[i]), counts, output);
            var answer = BenchmarkAnswers.Publish(request, counts.Strata, counts.Unattributed, DateTimeOffset.UtcNow, null);
            output.WriteLine($"{name}: {N(counts.People)} people ({N(counts.Unattributed)} unattributed), {N(IndirectStandardisation.Of(counts.Strata).Length)} facilities, " +
                             $"{answer.Facilities.Length} shown, {answer.Suppressed} withheld, {answer.Facilities.Count(f => f.Flag != FunnelFlag.Within)} flagged");
        }

        if (!same)
        {
            output.WriteLine("ANSWERS DIFFER: nothing timed.");
            return 1;
        }

        output.WriteLine("answers: equal in DuckDB and the index (people and observed exactly, expected to 3 decimals, SMR to 4)");

        // 2. Latency, interleaved run by run. Linkage: the evaluator over the index's slices, the counts, the statistics
        //    and the disclosure control of the answer; DuckDB: the query, its rows read.
        output.WriteLine();
        output.WriteLine("| indicator | people | DuckDB p50 / p99 | Linkage p50 / p99 | Linkage / DuckDB (p50) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (i, (name, request)) in indicators.Index())
        {
            var (duckTimes, linkageTimes) = (new Latencies(), new Latencies());
            for (var r = -WarmUp; r < runs; r++)
            {
                var d = Time(() => duck.Benchmark(sql[i]));
                var l = Time(() =>
                {
                    var counts = Count(request);
                    BenchmarkAnswers.Publish(request, counts.Strata, counts.Unattributed, DateTimeOffset.UtcNow, null);
                });
                if (r < 0) continue;
                duckTimes.Add(d);
                linkageTimes.Add(l);
            }

            output.WriteLine($"| {name} | {N(expected[i])} | {duckTimes} | {linkageTimes} | {linkageTimes.P50 / duckTimes.P50:0.000} |");
        }

        output.WriteLine();
        output.WriteLine($"load average at the end: {CohortBenchmark.Machine.LoadAverage()}; peak working set {N(Process.GetCurrentProcess().PeakWorkingSet64 >> 20)} MiB");
        output.WriteLine();
        output.WriteLine("SQL of the second indicator:");
        output.WriteLine(sql[^1]);
        return 0;
    }

    /// <summary>DuckDB's facilities against the index's counts standardised by the product.</summary>
    private static bool Same(string name, BenchmarkSqlAnswer sql, BenchmarkCounts counts, TextWriter output)
    {
        var ours = IndirectStandardisation.Of(counts.Strata).ToDictionary(f => f.Facility, StringComparer.Ordinal);
        var same = sql.Unattributed == counts.Unattributed && sql.Facilities.Length == ours.Count;
        if (!same) output.WriteLine($"DIFFERENT: {name}: DuckDB {sql.Unattributed} unattributed, {sql.Facilities.Length} facilities; the index {counts.Unattributed}, {ours.Count}");
        foreach (var row in sql.Facilities)
        {
            if (ours.TryGetValue(row.Facility, out var f) && f.People == row.People && f.Observed == row.Observed
                && Math.Round(f.Expected, 3) == Math.Round(row.Expected, 3) && Round4(f.Smr) == Round4(row.Smr))
            {
                continue;
            }

            same = false;
            output.WriteLine($"DIFFERENT: {name}: facility {row.Facility}: DuckDB {row}; the index {f}");
        }

        return same;
    }

    private static double? Round4(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static double Time(Action run)
    {
        var started = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static BenchmarkRequest Request(CohortCriterion entry, int days, GroupKey[] adjust, bool overdispersion) => new()
    {
        Indicator = new CohortDefinition { Entry = entry, Outcome = new CohortCriterion { Kind = EventKind.Death, From = 0, To = days } },
        Adjust = [.. adjust],
        Overdispersion = overdispersion,
    };

    /// <summary>The record with its receipt's facility mapped onto one of <paramref name="facilities"/> codes.</summary>
    internal static FeedEvent Spread(FeedEvent record, int facilities) =>
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
