using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Linkage.Bench.Sql;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Disclosure;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Safety;

namespace Linkage.Bench;

/// <summary>
/// safety-v1 latency, side by side in one process: a single-pair sequence symmetry analysis and the screening of one
/// index against every three-character diagnosis, answered by the evaluator the API runs on every index partition
/// (over one index of everyone, and over 64 partitions evaluated in parallel as the silo's fan-out does), against
/// DuckDB SQL over the Parquet export of the same records; and a monitor's re-evaluation after one ingest batch.
/// </summary>
/// <remarks>
/// The answers must be equal before anything is timed: the attrition and sequence counts exactly, the ratios at the
/// contract's 4 decimals, p at its 6 significant digits and a screening's q likewise. DuckDB's interval and p are
/// computed from its counts with the product's numerics (<see cref="SequenceRatios"/>); its counts and the
/// null-effect ratio's sums come from SQL (<see cref="SequenceSql"/>). The index drug is the antihypertensive
/// 2149 (YJ), which the generator dispenses to everyone with hypertension, its most common condition; the pair's
/// marker is gastritis (K29), one of the generator's common acute diagnoses of adults.
/// </remarks>
internal static class SafetyBenchmark
{
    private const int WarmUp = 3;
    private const int BatchLines = 5_000;
    private const int PartitionCount = 64;

    private const string PairJson = """
        {"index": {"kind": "medication", "code": "2149"}, "marker": {"kind": "receipt", "code": "K29"},
         "window": 365, "runIn": 365, "period": {"from": "2019-01-01", "to": "2024-12-31"}, "minCell": 10}
        """;

    private const string ScreeningJson = """
        {"index": {"kind": "medication", "code": "2149"}, "marker": {"kind": "receipt", "codeLength": 3}, "window": 365, "runIn": 365, "minCell": 10}
        """;

    /// <summary>The monitor of the batch measurement: the same drug and marker in a self-controlled risk interval.</summary>
    private static readonly MonitorDefinition Monitor = new()
    {
        Name = "bench-2149-k29",
        Exposure = new CohortCriterion { Kind = EventKind.Medication, Code = "2149" },
        Outcome = new CohortCriterion { Kind = EventKind.Receipt, Code = "K29" },
        Risk = new DayWindow(1, 28),
        Control = new DayWindow(43, 70),
    };

    public static async Task<int> RunAsync(int people, int seed, int runs, bool partitioned, int? duckDbThreads, TextWriter output)
    {
        output.WriteLine($"safety --people {people} --seed {seed} --runs {runs}{(partitioned ? "" : " --no-partitions")}");
        output.WriteLine(CohortBenchmark.Machine.Describe());
        CohortIndex[]? partitions = null;
        MonitorBatch? batch = null;
        using var population = await ExportedPopulation.CreateAsync(people, seed, facilities: null, duckDbThreads, output, linked =>
        {
            (partitions, batch) = Prepare(linked, partitioned, output);
        });
        return Compare(population.Index, partitions, batch!, population.Duck, runs, output);
    }

    /// <summary>What the safety benchmark takes of the records: the 64 partitions when asked for, and the monitor's batch.</summary>
    internal static (CohortIndex[]? Partitions, MonitorBatch Batch) Prepare((string Id, IReadOnlyCollection<FeedEvent> Records)[] linked, bool partitioned, TextWriter output)
    {
        var partitions = partitioned
            ? linked.Select((p, i) => (i, p)).GroupBy(p => p.i % PartitionCount).Select(ExportedPopulation.Build).ToArray()
            : null;
        var batch = MonitorBatch.Of(linked, BatchLines);
        output.WriteLine($"{(partitions is null ? "" : $"{PartitionCount} partitions built; ")}monitor batch: the latest {batch.Lines:N0} records, {batch.After.Length:N0} people");
        return (partitions, batch);
    }

    internal static int Compare(CohortIndex index, CohortIndex[]? partitions, MonitorBatch batch, DuckDbCohortDatabase duck, int runs, TextWriter output)
    {
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var evaluator = new SsaEvaluator();
        SsaCounts Count(SsaRequest request, CohortIndex[] over) => SsaCountsMerge.Merge(over.Length == 1
            ? [evaluator.Evaluate(new SsaQuery { Request = request }, over[0].Slices).Counts]
            : over.AsParallel().Select(p => evaluator.Evaluate(new SsaQuery { Request = request }, p.Slices).Counts).ToArray());

        var queries = new (string Name, SsaRequest Request)[] { ("single pair: drug 2149 then K29", Parse(PairJson)), ("screening: drug 2149 against every three-character diagnosis", Parse(ScreeningJson)) };
        var sql = queries.Select(q => SequenceSql.Of(q.Request)).ToArray();

        // 1. Every answer equal before anything is timed.
        var same = true;
        foreach (var (i, (name, request)) in queries.Index())
        {
            var counts = Count(request, [index]);
            var exact = SsaAnswers.Publish(request, counts, DateTimeOffset.UnixEpoch, rule: null);
            var duckCounts = duck.Sequences(sql[i]);
            same &= Same(name, "DuckDB", SqlAnswer(request, duckCounts), "the index", exact, output);
            same &= SameCounts(name, duckCounts, counts, output);
            if (partitions is not null)
            {
                same &= Same(name, $"{PartitionCount} partitions", SsaAnswers.Publish(request, Count(request, partitions), DateTimeOffset.UnixEpoch, rule: null), "one index", exact, output);
            }

            output.WriteLine(request.Screen is null
                ? $"{name}: {string.Join(", ", exact.Attrition.Select(a => $"{a.Step} {N(a.Count ?? 0)}"))}; nAB {exact.Pair!.IndexFirst}, nBA {exact.Pair.MarkerFirst}, " +
                  $"asr {exact.Pair.Asr} ({exact.Pair.AsrLow} to {exact.Pair.AsrHigh}), p {exact.Pair.P}"
                : $"{name}: {N(exact.Attrition[1].Count ?? 0)} incident index people, {exact.Screened} codes screened, {exact.Rows!.Value.Count(r => r.Ratios.Signal == true)} signal at q <= 0.05");
        }

        if (!same)
        {
            output.WriteLine("ANSWERS DIFFER: nothing timed.");
            return 1;
        }

        output.WriteLine($"answers: equal in DuckDB, one index{(partitions is null ? "" : $" and {PartitionCount} partitions")} (counts exactly, ratios to 4 decimals, p and q to 6 digits)");

        // 2. Latency, interleaved run by run so that a busy moment of the shared machine hits each alike. Linkage's
        //    answer is the researcher's (minCell 10, disclosure control included), as POST /api/v1/safety/ssa gives it.
        var rows = new List<string>();
        foreach (var (i, (name, request)) in queries.Index())
        {
            var rule = new CellRule(request.MinCell, Perturbation: null);
            var (duckTimes, oneTimes, partitionTimes) = (new Latencies(), new Latencies(), new Latencies());
            for (var r = -WarmUp; r < runs; r++)
            {
                var d = Time(() => SqlAnswer(request, duck.Sequences(sql[i])));
                var o = Time(() => SsaAnswers.Publish(request, Count(request, [index]), DateTimeOffset.UtcNow, rule));
                var p = partitions is null ? 0 : Time(() => SsaAnswers.Publish(request, Count(request, partitions), DateTimeOffset.UtcNow, rule));
                if (r < 0) continue;
                duckTimes.Add(d);
                oneTimes.Add(o);
                partitionTimes.Add(p);
            }

            var linkage = partitions is null ? oneTimes : partitionTimes;
            rows.Add($"| {name} | {duckTimes} | {oneTimes} | {(partitions is null ? "—" : partitionTimes)} | {linkage.P50 / duckTimes.P50:0.000} |");
        }

        // Where a screening's time goes: every person's observation start (every event of every kind visited), then
        // the index's first dates; the rest is the markers, code by code.
        var (starts, firsts) = (new Latencies(), new Latencies());
        for (var r = -WarmUp; r < runs; r++)
        {
            var s = Time(() =>
            {
                foreach (var slice in index.Slices) FirstDates.ObservationStarts(slice);
            });
            var f = Time(() =>
            {
                foreach (var slice in index.Slices) FirstDates.Incident(slice, queries[1].Request.Index, new int[slice.Slots], 0, null, []);
            });
            if (r < 0) continue;
            starts.Add(s);
            firsts.Add(f);
        }

        rows.Add($"| of the screening on one index: every observation start | | {starts} | | |");
        rows.Add($"| of the screening on one index: the index's first dates | | {firsts} | | |");

        // 3. A monitor's re-evaluation after one batch: the index applies the batch's updates (the partition's own work,
        //    before the ingest is acknowledged), then the monitor evaluates over every slice, as its grain does.
        var monitors = new MonitorEvaluator();
        var query = new MonitorQuery { Definition = Monitor };
        (int N, int C) Evaluate(CohortIndex[] over)
        {
            var partials = over.Length == 1 ? [monitors.Evaluate(query, over[0].Slices)] : over.AsParallel().Select(p => monitors.Evaluate(query, p.Slices)).ToArray();
            return (partials.Sum(p => p.N), partials.Sum(p => p.C));
        }

        var whole = Evaluate([index]);
        var (applyTimes, monitorTimes, againTimes, partitionMonitorTimes) = (new Latencies(), new Latencies(), new Latencies(), new Latencies());
        for (var r = -WarmUp; r < runs; r++)
        {
            index.Apply(batch.Before);
            var apply = Time(() => index.Apply(batch.After));

            // The first reading after a change builds the index's delta segment (unless the change merged it); the
            // second reads it as built.
            (int N, int C) counted = default;
            var evaluation = Time(() => counted = Evaluate([index]));
            var again = Time(() => Evaluate([index]));
            double partitionEvaluation = 0;
            if (partitions is not null)
            {
                Route(partitions, batch.Before);
                Route(partitions, batch.After);
                (int N, int C) partitionCounted = default;
                partitionEvaluation = Time(() => partitionCounted = Evaluate(partitions));
                if (partitionCounted != whole) throw new InvalidOperationException($"the partitions' monitor counted {partitionCounted} after the batch, the whole index {whole}");
            }

            if (counted != whole) throw new InvalidOperationException($"the monitor counted {counted} after the batch, {whole} on the whole index");
            if (r < 0) continue;
            applyTimes.Add(apply);
            monitorTimes.Add(evaluation);
            againTimes.Add(again);
            partitionMonitorTimes.Add(partitionEvaluation);
        }

        output.WriteLine();
        output.WriteLine($"| query | DuckDB p50 / p99 | Linkage one index p50 / p99 | Linkage {PartitionCount} partitions p50 / p99 | Linkage / DuckDB (p50) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var row in rows) output.WriteLine(row);
        output.WriteLine();
        output.WriteLine($"monitor {Monitor.Name} (n {whole.N}, c {whole.C}) after a batch of {N(batch.Lines)} records ({N(batch.After.Length)} people): " +
                         $"index update {applyTimes}; re-evaluation over one index {monitorTimes} (again, the delta built: {againTimes})" +
                         (partitions is null ? "" : $", over {PartitionCount} partitions {partitionMonitorTimes}"));
        output.WriteLine($"load average at the end: {CohortBenchmark.Machine.LoadAverage()}; peak working set {N(Process.GetCurrentProcess().PeakWorkingSet64 >> 20)} MiB");
        output.WriteLine();
        output.WriteLine("SQL of the screening:");
        output.WriteLine(sql[1]);
        return 0;
    }

    /// <summary>safety-v1's exact answer from DuckDB's counts: the ratios, interval and p by the product's numerics.</summary>
    private static SsaAnswer SqlAnswer(SsaRequest request, SequenceSqlCounts counts)
    {
        if (request.Screen is null)
        {
            var marker = counts.Markers.SingleOrDefault() ?? new MarkerSqlCounts("", 0, 0, 0, 0, 0, 0, 0, 0);
            return new SsaAnswer
            {
                AsOf = DateTimeOffset.UnixEpoch, MinCell = 1, Exact = true,
                Attrition =
                [
                    new("people", counts.People), new("incident index", counts.IncidentIndex), new("incident marker", marker.IncidentMarker),
                    new("both", marker.Both), new("within window", marker.WithinWindow), new("without ties", marker.WithinWindow - marker.Ties),
                ],
                Pair = Ratios(SequenceRatios.Estimate(marker.IndexFirst, marker.MarkerFirst, marker.Nsr)),
            };
        }

        var estimates = counts.Markers.Select(m => (m.Code, Estimate: SequenceRatios.Estimate(m.IndexFirst, m.MarkerFirst, m.Nsr))).ToArray();
        var q = BenjaminiHochberg.Adjust([.. estimates.Select(e => e.Estimate.P ?? 1.0)]);
        return new SsaAnswer
        {
            AsOf = DateTimeOffset.UnixEpoch, MinCell = 1, Exact = true,
            Attrition = [new("people", counts.People), new("incident index", counts.IncidentIndex)],
            Rows = [.. estimates.Select((e, i) => new SsaRow
            {
                Code = e.Code, Ratios = Ratios(e.Estimate) with { Signal = q[i] <= SsaAnswers.ScreeningFdr }, Q = SsaAnswers.SignificantDigits(q[i]),
            })],
            Screened = estimates.Length,
        };
    }

    private static SsaRatios Ratios(SequenceEstimate estimate) => new()
    {
        IndexFirst = estimate.IndexFirst,
        MarkerFirst = estimate.MarkerFirst,
        Csr = SsaAnswers.Ratio(estimate.Csr),
        Nsr = SsaAnswers.Ratio(estimate.Nsr),
        Asr = SsaAnswers.Ratio(estimate.Asr),
        AsrLow = SsaAnswers.Ratio(estimate.AsrLow),
        AsrHigh = SsaAnswers.Ratio(estimate.AsrHigh),
        P = estimate.P is { } p ? SsaAnswers.SignificantDigits(p) : null,
        Signal = estimate.Signal,
    };

    /// <summary>The attrition, the pair's ratios and the screening's rows (compared by code: the orders differ only among equal asrLow).</summary>
    private static bool Same(string name, string actualName, SsaAnswer actual, string expectedName, SsaAnswer expected, TextWriter output)
    {
        var same = true;
        void Differ(string what, object? a, object? e)
        {
            same = false;
            output.WriteLine($"DIFFERENT: {name}: {what}: {actualName} {a}, {expectedName} {e}");
        }

        if (!actual.Attrition.SequenceEqual(expected.Attrition)) Differ("attrition", string.Join(", ", actual.Attrition), string.Join(", ", expected.Attrition));
        if (!Equals(actual.Pair, expected.Pair)) Differ("pair", actual.Pair, expected.Pair);
        if (actual.Screened != expected.Screened) Differ("codes screened", actual.Screened, expected.Screened);
        var theirs = (expected.Rows ?? []).ToDictionary(r => r.Code, StringComparer.Ordinal);
        foreach (var row in actual.Rows ?? [])
        {
            if (!theirs.TryGetValue(row.Code, out var other) || other != row) Differ($"row {row.Code}", row, other);
        }

        if ((actual.Rows ?? []).Length != theirs.Count) Differ("rows", (actual.Rows ?? []).Length, theirs.Count);
        return same;
    }

    /// <summary>Each marker's attrition in SQL against the evaluator's counts.</summary>
    private static bool SameCounts(string name, SequenceSqlCounts sql, SsaCounts counts, TextWriter output)
    {
        var ours = counts.Markers.ToDictionary(m => m.Code, m => (m.MarkerDays.Total, m.Both, m.WithinWindow, m.Ties, m.IndexFirst, m.MarkerFirst), StringComparer.Ordinal);
        var theirs = sql.Markers.ToDictionary(m => m.Code, m => (m.IncidentMarker, m.Both, m.WithinWindow, m.Ties, m.IndexFirst, m.MarkerFirst), StringComparer.Ordinal);
        var same = sql.People == counts.People && sql.IncidentIndex == counts.IndexDays.Total && ours.Count == theirs.Count;
        foreach (var (code, count) in theirs)
        {
            if (ours.TryGetValue(code, out var other) && other == count) continue;
            same = false;
            output.WriteLine($"DIFFERENT: {name}: marker {code}: DuckDB (incident, both, within, ties, nAB, nBA) {count}, the index {other}");
        }

        if (!same) output.WriteLine($"DIFFERENT: {name}: DuckDB {sql.People} people, {sql.IncidentIndex} incident index, {theirs.Count} markers; the index {counts.People}, {counts.IndexDays.Total}, {ours.Count}");
        return same;
    }

    private static SsaRequest Parse(string json)
    {
        var parsed = SsaRequestParser.Parse(json, minCellFloor: 10);
        return parsed.Request ?? throw new InvalidOperationException("a benchmark request is invalid: " + string.Join("; ", parsed.Problems));
    }

    /// <summary>Applies updates to the partition of each component, as the engine routes them.</summary>
    private static void Route(CohortIndex[] partitions, ImmutableArray<IndexUpdate> updates)
    {
        foreach (var group in updates.GroupBy(u => (int)(u.Component.Value % PartitionCount))) partitions[group.Key].Apply(group);
    }

    private static double Time(Action run)
    {
        var started = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
