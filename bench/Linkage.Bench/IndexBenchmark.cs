using System.Diagnostics;
using System.Globalization;
using Linkage.Bench.Sql;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Disclosure;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;

namespace Linkage.Bench;

/// <summary>
/// Builds the cohort index of one partition from a generated population (one component per linked person) and
/// measures its build, its memory and snapshot size per person, live updates, and the latency of counting.
/// </summary>
internal static class IndexBenchmark
{
    private const int Runs = 30;

    public static int Run(int people, int seed, double activity, TextWriter output)
    {
        var summaries = Summaries(people, seed, activity);
        var updates = summaries.Select((s, i) => new IndexUpdate { Component = new(i), People = [s] }).ToArray();
        var events = summaries.Sum(s => (long)s.Events.Length);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Clock.Start();
        var index = new CohortIndex();
        index.Apply(updates);
        index.Merge();
        var built = build.Stop();
        var snapshot = Measure(index.WriteSnapshot);
        var heap = GC.GetTotalMemory(forceFullCollection: true) - before;
        var estimated = index.EstimatedBytes;

        // Live updates: people replaced by others' summaries, some components removed; merges included.
        var random = new Random(seed);
        var changes = Enumerable.Range(0, 20_000).Select(_ => random.Next(10) == 0
                ? new IndexUpdate { Component = new(random.Next(updates.Length)), People = [] }
                : new IndexUpdate { Component = new(random.Next(updates.Length)), People = [summaries[random.Next(summaries.Length)]] })
            .ToArray();
        var live = Clock.Start();
        foreach (var change in changes) index.Apply(change);
        var applied = live.Stop();
        var unsavedBytes = index.EstimatedBytes;
        var unsaved = index.UnsavedComponents;
        var delta = Measure(index.WriteDelta);
        index.Apply(changes.Take(100));
        var smallDelta = Measure(index.WriteDelta);
        index.Merge();
        index.Apply(changes.Skip(100).Take(1_000));
        var merge = Clock.Start();
        index.Merge();
        var merged = merge.Stop();

        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var perPerson = 1.0 / summaries.Length;
        output.WriteLine($"index --people {people} --seed {seed} --activity {activity.ToString(CultureInfo.InvariantCulture)}");
        output.WriteLine();
        output.WriteLine($"people {N(summaries.Length)} (linked), events {N(events)} ({(double)events / summaries.Length:0.0} per person)");
        output.WriteLine($"build (one Apply of every component, Merge): {built}");
        output.WriteLine($"memory per person after a snapshot: EstimatedBytes {N(estimated * perPerson)} B, measured on the heap {N(heap * perPerson)} B; " +
                         $"with {N(unsaved)} components changed and not yet written: {N(unsavedBytes * perPerson)} B");
        output.WriteLine($"snapshot {N(snapshot)} B ({N(snapshot * perPerson)} B per person); delta of {N(unsaved)} components {N(delta)} B; " +
                         $"of 100 updates {N(smallDelta)} B");
        output.WriteLine($"live updates: {N(changes.Length)} in {applied}, {N(changes.Length / applied.Wall.TotalSeconds)} updates/s (merges included)");
        output.WriteLine($"one merge after 1,000 updates: {merged}");
        output.WriteLine();
        output.WriteLine("| definition | cohort | median | p90 | median perturbed | median with a delta of 1,000 updates |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var definitions = Definitions();

        // Perturbed: the people's keys summed per cell (a hash per member) and the answer published with its offsets.
        var perturbation = new CellPerturbation("the benchmark's perturbation secret");
        var timings = definitions.Select(d => (d.Name, d.Definition, index.Count(d.Definition).Total, Times: Time(() => index.Count(d.Definition)),
            Perturbed: Time(() => CohortAnswers.Publish(d.Definition, index.Count(d.Definition, perturbation), DateTimeOffset.UnixEpoch, CohortDefinition.DefaultMinCell, perturbation)))).ToList();
        index.Apply(changes.Take(1_000));
        foreach (var (name, definition, total, times, perturbed) in timings)
        {
            output.WriteLine($"| {name} | {N(total)} | {Ms(times, 0.5)} | {Ms(times, 0.9)} | {Ms(perturbed, 0.5)} | {Ms(Time(() => index.Count(definition)), 0.5)} |");
        }

        output.WriteLine();
        output.WriteLine($"peak working set {N(Process.GetCurrentProcess().PeakWorkingSet64 >> 20)} MiB");
        return 0;
    }

    /// <summary>The summaries of the linked people of a generated population; the population itself is left to the collector.</summary>
    internal static PersonSummary[] Summaries(int people, int seed, double activity)
    {
        var population = PopulationGenerator.Generate(new PopulationOptions { People = people, Seed = seed, ActivityScale = activity });
        var current = population.CurrentRecords();
        var byKey = current.ToDictionary(r => r.Key);
        return [.. LinkageRules.Partition(current).People.Select(p => PersonSummaries.Of(p.Id, [.. p.Records.Select(k => byKey[k])]))];
    }

    private static (string Name, CohortDefinition Definition)[] Definitions() =>
        [.. BenchmarkCohorts.All.Select(d => (d.Name, CohortDefinitionParser.Parse(d.Json, CohortDefinition.DefaultMinCell).Definition!))];

    private static double[] Time(Func<object> query)
    {
        for (var i = 0; i < 3; i++) query();
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            query();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static string Ms(double[] sorted, double quantile) =>
        sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(quantile * sorted.Length))].ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Wall time and this process's CPU time: on a shared machine the wall time also holds the waits for a core.</summary>
    private readonly record struct Clock(Stopwatch Wall, TimeSpan Cpu)
    {
        public static Clock Start() => new(Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);

        public Elapsed Stop() => new(Wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - Cpu);
    }

    private readonly record struct Elapsed(TimeSpan Wall, TimeSpan Cpu)
    {
        public override string ToString() =>
            $"{Wall.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms wall, {Cpu.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms CPU";
    }

    private static long Measure(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.Length;
    }
}
