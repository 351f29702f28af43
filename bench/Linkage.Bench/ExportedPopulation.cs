using System.Diagnostics;
using System.Globalization;
using Linkage.Bench.Sql;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Bench;

/// <summary>
/// A generated population, linked, held two ways for the analytics benchmarks: one cohort index of everyone (person
/// <c>i</c> is component <c>i</c>), and DuckDB in memory over its Parquet export. The records themselves are let go once
/// exported; whatever else a benchmark needs of them it takes while they are in memory.
/// </summary>
internal sealed class ExportedPopulation : IDisposable
{
    private readonly string _directory;

    private ExportedPopulation(CohortIndex index, DuckDbCohortDatabase duck, string directory) => (Index, Duck, _directory) = (index, duck, directory);

    public CohortIndex Index { get; }

    public DuckDbCohortDatabase Duck { get; }

    /// <param name="facilities">When given, receipts' facilities are first mapped onto that many codes (<see cref="BenchmarkLatency.Spread"/>).</param>
    /// <param name="whileInMemory">Given the linked people with their current records before they are let go.</param>
    public static async Task<ExportedPopulation> CreateAsync(
        int people, int seed, int? facilities, int? duckDbThreads, TextWriter output, Action<(string Id, IReadOnlyCollection<FeedEvent> Records)[]> whileInMemory)
    {
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        var (linked, _, lines, records) = CohortBenchmark.Generate(people, seed, 1.0, keepLines: false);
        if (facilities is { } count)
        {
            for (var i = 0; i < linked.Length; i++) linked[i] = (linked[i].Id, [.. linked[i].Records.Select(r => BenchmarkLatency.Spread(r, count))]);
        }

        output.WriteLine($"population: {N(people)} generated, {N(lines)} lines, {N(records)} current records, {N(linked.Length)} linked people, in {clock.Elapsed.TotalSeconds:N1} s");

        clock.Restart();
        var index = Build(linked.Select((p, i) => (i, p)));
        output.WriteLine($"index: {N(index.People)} people in {clock.Elapsed.TotalSeconds:N1} s");
        whileInMemory(linked);

        var directory = Path.Combine(Path.GetTempPath(), "linkage-analytics-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            clock.Restart();
            var (eventRows, codeRows) = await EventTables.WriteAsync(linked.Select(p => p.Records), directory);
            output.WriteLine($"parquet: {N(eventRows)} events, {N(codeRows)} event codes, written in {clock.Elapsed.TotalSeconds:N1} s");

            // The records go before DuckDB loads, and the heap gives their memory back (a million people's records are ~10 GB).
            linked = [];
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

            clock.Restart();
            var duck = DuckDbCohortDatabase.Load(directory, duckDbThreads);
            output.WriteLine($"duckdb {duck.Version()}: loaded in {clock.Elapsed.TotalSeconds:N1} s ({N(duck.Rows("people"))} people)");
            return new ExportedPopulation(index, duck, directory);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>An index of people, each their own component (person <c>i</c> is component <c>i</c>), merged.</summary>
    public static CohortIndex Build(IEnumerable<(int Component, (string Id, IReadOnlyCollection<FeedEvent> Records) Person)> people)
    {
        var index = new CohortIndex();
        index.Apply(people.Select(p => new IndexUpdate { Component = new ComponentId(p.Component), People = [PersonSummaries.Of(p.Person.Id, p.Person.Records)] }));
        index.Merge();
        return index;
    }

    public void Dispose()
    {
        Duck.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
