using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Linkage.Bench.Sql;
using Linkage.Cohorts.Index;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Partitions;
using Linkage.Population;
using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Linkage.Bench;

/// <summary>
/// Cohort count latency, side by side in one process: Linkage's live index (the partitions component grains fed while a
/// generated population was ingested through the engine) and one index built from summaries, against DuckDB in
/// memory over the same current records exported to Parquet. Every answer is checked against the others and the
/// reference evaluator before anything is timed.
/// </summary>
internal static class CohortBenchmark
{
    private const int WarmUp = 3;
    private const int LinesPerBody = 5_000;
    private const int BodiesInFlight = 4;

    public static async Task<int> RunAsync(int people, int seed, double activity, int runs, bool engine, int? duckDbThreads, TextWriter output)
    {
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var machine = Machine.Describe();
        output.WriteLine($"cohorts --people {people} --seed {seed} --activity {activity.ToString(CultureInfo.InvariantCulture)} --runs {runs}{(engine ? "" : " --no-engine")}");
        output.WriteLine(machine);

        // 1. The population, its current records and the people the linkage rules make of them.
        var clock = Stopwatch.StartNew();
        var (linked, bodies, lines, records) = Generate(people, seed, activity, keepLines: engine);
        output.WriteLine($"population: {N(people)} generated, {N(lines)} lines, {N(records)} current records, {N(linked.Length)} linked people " +
                         $"({(double)records / linked.Length:0.0} records per person), in {clock.Elapsed.TotalSeconds:N1} s");

        var definitions = BenchmarkCohorts.All.Select(d => (d.Name, Definition: Parse(d.Json))).ToArray();
        var check = new AnswerCheck(output);

        // 2. One index of everyone, built directly from the summaries (measured before a silo runs beside it), and
        //    snapshotted as a partition is at a checkpoint, so that it no longer keeps the changes to write.
        var heapBefore = Heap();
        clock.Restart();
        var index = new CohortIndex();
        index.Apply(linked.Select((p, i) => new IndexUpdate { Component = new ComponentId(i), People = [PersonSummaries.Of(p.Id, p.Records)] }));
        index.Merge();
        var built = clock.Elapsed;
        var unsaved = index.EstimatedBytes;
        index.WriteSnapshot(Stream.Null);
        var indexHeap = Heap() - heapBefore;
        output.WriteLine($"single index: {N(index.People)} people built in {built.TotalSeconds:N1} s; EstimatedBytes after a snapshot {N(index.EstimatedBytes)} B " +
                         $"({N(index.EstimatedBytes / (double)index.People)} B per person; {N(unsaved / (double)index.People)} B before it), " +
                         $"heap growth {N(indexHeap / (double)index.People)} B per person");

        // 3. The reference evaluator's tallies, while the records are in memory.
        clock.Restart();
        var expected = definitions.Select(d => CohortEvaluator.Count(d.Definition, linked.Select(p => (p.Id, p.Records)))).ToArray();
        output.WriteLine($"reference evaluator: {definitions.Length} definitions in {clock.Elapsed.TotalSeconds:N1} s");

        // 4. The live index, the real way: every line through the ingest pipeline of an in-process silo.
        var silo = engine ? await BenchSilo.StartAsync(storage: null, new Dictionary<string, string?> { ["Linkage:Engine:BatchEvents"] = LinesPerBody.ToString(System.Globalization.CultureInfo.InvariantCulture) }) : null;
        try
        {
            Live? live = null;
            if (silo is not null)
            {
                var before = Heap();
                var ingest = await IngestPass.RunAsync(silo.Pipeline, bodies!, BodiesInFlight);
                var siloHeap = Heap() - before;
                output.WriteLine($"engine ingest: {ingest}; silo heap growth {N(siloHeap)} B " +
                                 $"({N(siloHeap / (double)linked.Length)} B per person)");
                live = await Live.OfAsync(silo, siloHeap);
            }

            bodies = null;
            return await CompareAsync(definitions, expected, linked, index, indexHeap, live, silo, runs, duckDbThreads, check, output);
        }
        finally
        {
            if (silo is not null) await silo.DisposeAsync();
        }
    }

    private static async Task<int> CompareAsync(
        (string Name, CohortDefinition Definition)[] definitions, CohortTally[] expected, (string Id, IReadOnlyCollection<FeedEvent> Records)[] linked,
        CohortIndex index, long indexHeap, Live? live, BenchSilo? silo, int runs, int? duckDbThreads, AnswerCheck check, TextWriter output)
    {
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

        // 5. DuckDB over the same records, exported to Parquet the way an analyst would receive them.
        var directory = Path.Combine(Path.GetTempPath(), "linkage-cohorts-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var clock = Stopwatch.StartNew();
            var (eventRows, codeRows) = await EventTables.WriteAsync(linked.Select(p => p.Records), directory);
            var parquetBytes = Directory.GetFiles(directory).Sum(f => new FileInfo(f).Length);
            output.WriteLine($"parquet: {N(eventRows)} events, {N(codeRows)} event codes ({(eventRows + codeRows) / (double)linked.Length:0.0} rows per person), " +
                             $"{N(parquetBytes)} B, written in {clock.Elapsed.TotalSeconds:N1} s");
            linked = [];
            GC.Collect();

            clock.Restart();
            using var duck = DuckDbCohortDatabase.Load(directory, duckDbThreads);
            var (duckTables, duckTotal) = duck.MemoryBytes();
            var duckPeople = duck.Rows("people");
            output.WriteLine($"duckdb {duck.Version()}: loaded in {clock.Elapsed.TotalSeconds:N1} s ({N(duckPeople)} people); memory: tables {N(duckTables)} B " +
                             $"({N(duckTables / (double)duckPeople)} B per person), all {N(duckTotal)} B ({N(duckTotal / (double)duckPeople)} B per person)");

            // 6. Every answer equal before anything is timed.
            var sql = definitions.Select(d => CohortSql.Of(d.Definition)).ToArray();
            for (var i = 0; i < definitions.Length; i++)
            {
                var (name, definition) = definitions[i];
                check.Same(name, "DuckDB", duck.Count(definition, sql[i]), "the reference evaluator", expected[i]);
                check.Same(name, "the single index", index.Count(definition), "the reference evaluator", expected[i]);
                if (live is null) continue;
                check.Same(name, "the live partitions", await live.TallyAsync(definition), "the reference evaluator", expected[i]);
                var answer = await live.Queries.CountAsync(definition);
                check.Same(name, "CohortQueries", answer, "DuckDB's tally published", CohortAnswers.Publish(definition, duck.Count(definition, sql[i]), answer.AsOf, live.Queries.MinCellFloor));
            }

            if (!check.AllSame)
            {
                output.WriteLine("ANSWERS DIFFER: nothing timed.");
                return 1;
            }

            output.WriteLine($"answers: all {definitions.Length} definitions equal in DuckDB, the single index{(live is null ? "" : ", the live partitions, CohortQueries")} and the reference evaluator");

            // 7. Latency, the three interleaved run by run so that a busy moment of the machine hits them alike.
            var rows = new List<string>();
            var ratios = new List<double>();
            foreach (var (i, (name, definition)) in definitions.Index())
            {
                var duckTimes = new double[runs];
                var liveTimes = new double[runs];
                var indexTimes = new double[runs];
                for (var r = -WarmUp; r < runs; r++)
                {
                    var d = Time(() => duck.Count(definition, sql[i]));
                    var l = live is null ? 0 : await TimeAsync(() => live.Queries.CountAsync(definition));
                    var s = Time(() => index.Count(definition));
                    if (r < 0) continue;
                    (duckTimes[r], liveTimes[r], indexTimes[r]) = (d, l, s);
                }

                Array.Sort(duckTimes);
                Array.Sort(liveTimes);
                Array.Sort(indexTimes);
                var linkage = live is null ? indexTimes : liveTimes;
                var ratio = Quantile(linkage, 0.5) / Quantile(duckTimes, 0.5);
                ratios.Add(ratio);
                rows.Add($"| {name} | {N(expected[i].Total)} | {Ms(duckTimes)} | {(live is null ? "—" : Ms(liveTimes))} | {Ms(indexTimes)} | {ratio:0.00} |");
            }

            // 8. The live partitions' memory, reloaded from their journals once the silo has stopped (nothing else allocating).
            string? liveMemory = null;
            if (live is not null)
            {
                await silo!.DisposeAsync();
                var (reloaded, heap) = live.Reload();
                for (var i = 0; i < definitions.Length; i++)
                {
                    check.Same(definitions[i].Name, "the reloaded partitions", CohortTallies.Sum(reloaded.Select(p => p.Count(definitions[i].Definition))), "the reference evaluator", expected[i]);
                }

                var held = reloaded.Sum(r => r.People);
                var estimated = reloaded.Sum(r => r.EstimatedBytes);
                foreach (var partition in reloaded) partition.Merge();
                var merged = reloaded.Sum(r => r.EstimatedBytes);
                output.WriteLine($"live index: {reloaded.Length} partitions hold {N(held)} people; reloaded from their journals (a snapshot, then deltas): " +
                                 $"EstimatedBytes {N(estimated)} B ({N(estimated / (double)held)} B per person; {N(merged / (double)held)} B once merged), heap {N(heap / (double)held)} B per person");
                liveMemory = $"live partitions EstimatedBytes {N(estimated / (double)held)} B ({N(merged / (double)held)} B merged), heap {N(heap / (double)held)} B " +
                             $"(the whole silo: {N(live.SiloHeap / (double)held)} B); ";
                GC.KeepAlive(reloaded);
                if (!check.AllSame) return 1;
            }

            output.WriteLine();
            output.WriteLine($"| definition | cohort | DuckDB median / p95 | Linkage live median / p95 | single index median / p95 | ratio {(live is null ? "single index" : "live")} / DuckDB |");
            output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var row in rows) output.WriteLine(row);
            output.WriteLine();
            output.WriteLine($"ratio: geometric mean {Math.Exp(ratios.Average(Math.Log)):0.00}, worst {ratios.Max():0.00} (goal at most 0.5)");
            output.WriteLine($"memory per person: {liveMemory}single index EstimatedBytes {N(index.EstimatedBytes / (double)duckPeople)} B, heap {N(indexHeap / (double)duckPeople)} B; " +
                             $"DuckDB tables {N(duckTables / (double)duckPeople)} B, all {N(duckTotal / (double)duckPeople)} B (goal at most 1 KB)");
            output.WriteLine($"load average at the end: {Machine.LoadAverage()}; peak working set {N(Process.GetCurrentProcess().PeakWorkingSet64 >> 20)} MiB");
            output.WriteLine();
            output.WriteLine("SQL of the combined definition:");
            output.WriteLine(sql[^2]);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The linked people of a generated population, each with their current records, and the population's lines in
    /// bodies for the engine when asked for; the rest of the population is left to the collector.
    /// </summary>
    internal static ((string Id, IReadOnlyCollection<FeedEvent> Records)[] Linked, string[][]? Bodies, int Lines, int Records) Generate(
        int people, int seed, double activity, bool keepLines)
    {
        var population = PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed, ActivityScale = activity });
        var current = population.CurrentRecords();
        var byKey = current.ToDictionary(r => r.Key);
        var linked = LinkageRules.Partition(current).People
            .Select(p => (p.Id, (IReadOnlyCollection<FeedEvent>)[.. p.Records.Select(k => byKey[k])]))
            .ToArray();
        var bodies = keepLines ? population.Lines.Select(l => l.Text).Chunk(LinesPerBody).ToArray() : null;
        return (linked, bodies, population.Lines.Count, current.Count);
    }

    private static CohortDefinition Parse(string json)
    {
        var parsed = CohortDefinitionParser.Parse(json, CohortDefinition.DefaultMinCell);
        return parsed.Definition ?? throw new InvalidOperationException("a benchmark definition is invalid: " + string.Join("; ", parsed.Problems));
    }

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    private static double Time(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Quantile(double[] sorted, double quantile) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(quantile * sorted.Length))];

    private static string Ms(double[] sorted) =>
        $"{Quantile(sorted, 0.5).ToString("0.00", CultureInfo.InvariantCulture)} / {Quantile(sorted, 0.95).ToString("0.00", CultureInfo.InvariantCulture)} ms";

    /// <summary>The live index of a silo: its queries, its partitions, and the journals they wrote when flushed.</summary>
    private sealed class Live(CohortQueries queries, IPeopleIndexGrain[] partitions, IReadOnlyList<IReadOnlyList<ReadOnlyMemory<byte>>> journals, long siloHeap)
    {
        public CohortQueries Queries => queries;

        /// <summary>How much the managed heap grew while the population was ingested: the whole engine's state.</summary>
        public long SiloHeap => siloHeap;

        /// <summary>Flushes every partition and keeps what its journal holds then.</summary>
        public static async Task<Live> OfAsync(BenchSilo silo, long siloHeap)
        {
            var count = silo.Services.GetRequiredService<IOptions<LinkageEngineOptions>>().Value.IndexPartitions;
            var factory = silo.Services.GetRequiredService<IntegerKeyGrainFactory<IPeopleIndexGrain>>();
            var partitions = Enumerable.Range(0, count).Select(p => factory.Get(p)).ToArray();
            await Task.WhenAll(partitions.Select(p => p.Flush()));

            // The journal's name is PeopleIndexGrain's: "index-" and the partition's key.
            var journal = silo.Services.GetRequiredService<IPartitionJournal>();
            var journals = new List<IReadOnlyList<ReadOnlyMemory<byte>>>();
            for (var p = 0; p < count; p++) journals.Add(await journal.ReadAsync("index-" + p.ToString(CultureInfo.InvariantCulture)));
            return new Live(silo.Services.GetRequiredService<CohortQueries>(), partitions, journals, siloHeap);
        }

        /// <summary>The partitions' tallies summed, before small cells are suppressed.</summary>
        public async Task<CohortTally> TallyAsync(CohortDefinition definition) =>
            CohortTallies.Sum(await Task.WhenAll(partitions.Select(p => p.Count(definition))));

        /// <summary>
        /// Every partition as its journal reloads it (what it holds once merged, as after an activation; the grain does
        /// not tell its size), and the heap they take.
        /// </summary>
        public (CohortIndex[] Partitions, long Heap) Reload()
        {
            var before = Heap();
            var reloaded = journals.Select(j => j.Count == 0 ? new CohortIndex() : CohortIndex.Load(j[0], j.Skip(1))).ToArray();
            return (reloaded, Heap() - before);
        }
    }

    /// <summary>Compares answers and says every difference, by definition and by group.</summary>
    private sealed class AnswerCheck(TextWriter output)
    {
        public bool AllSame { get; private set; } = true;

        public void Same(string definition, string actualName, CohortTally actual, string expectedName, CohortTally expected)
        {
            if (actual == expected) return;
            AllSame = false;
            output.WriteLine($"DIFFERENT: {definition}: {actualName} counted {actual.Total}, {expectedName} {expected.Total}");
            var theirs = expected.Groups.ToDictionary(g => string.Join("|", g.Key), g => g.Count);
            var ours = actual.Groups.ToDictionary(g => string.Join("|", g.Key), g => g.Count);
            foreach (var key in theirs.Keys.Union(ours.Keys).Order(StringComparer.Ordinal))
            {
                var (a, e) = (ours.GetValueOrDefault(key), theirs.GetValueOrDefault(key));
                if (a != e) output.WriteLine($"  group [{key}]: {actualName} {a}, {expectedName} {e}");
            }

            if (!actual.Survival.SequenceEqual(expected.Survival)) output.WriteLine("  the survival times differ");
        }

        public void Same(string definition, string actualName, CohortAnswer actual, string expectedName, CohortAnswer expected)
        {
            if (actual == expected) return;
            AllSame = false;
            output.WriteLine($"DIFFERENT: {definition}: {actualName} answered {CohortAnswerJson.ToJson(actual)}; {expectedName}: {CohortAnswerJson.ToJson(expected)}");
        }
    }

    /// <summary>The machine a run was on, as docs/benchmarks.md records it.</summary>
    internal static class Machine
    {
        public static string Describe()
        {
            var cpu = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
            var memory = File.Exists("/proc/meminfo")
                ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;
            return $"machine: nproc {Environment.ProcessorCount}, {cpu ?? "unknown CPU"} ({RuntimeInformation.OSArchitecture}), {memory ?? "unknown"} RAM, " +
                   $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}";
        }

        public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
    }
}
