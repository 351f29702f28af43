using System.CommandLine;
using Linkage.Bench;

var people = new Option<int>("--people") { Description = "Number of people to generate", DefaultValueFactory = _ => 100_000 };
var seed = new Option<int>("--seed") { Description = "Seed of the generator", DefaultValueFactory = _ => 1 };
var quality = new Command("quality", "Pairwise precision and recall of the linkage rules and of id1 alone against generated truth")
{
    people,
    seed,
};
quality.SetAction(parse => QualityReport.Run(parse.GetValue(people), parse.GetValue(seed), Console.Out));

var storage = new Option<string?>("--storage") { Description = "An Azure Storage connection string (e.g. UseDevelopmentStorage=true for a running Azurite); memory storage when omitted" };
var batch = new Option<int>("--batch") { Description = "Lines per ingest body", DefaultValueFactory = _ => 5000 };
var concurrency = new Option<int>("--concurrency") { Description = "Bodies in flight", DefaultValueFactory = _ => 4 };
var checkpoint = new Option<int>("--checkpoint") { Description = "Seconds between checkpoints (each touched person's snapshot written once per interval)", DefaultValueFactory = _ => 30 };
var shadow = new Option<bool>("--shadow") { Description = "Shadow linking: every batch linked in place is also relinked fully, and the mismatches are counted (Linkage:Engine:ShadowLinking)" };
var relinkAlways = new Option<bool>("--relink-always") { Description = "Incremental linking off: every change relinks its component (Linkage:Engine:IncrementalLinking=false)" };
var nullStore = new Option<bool>("--null-store") { Description = "The durable engine on Azure Storage's providers, with every storage request answered in-process without I/O (and counted by kind): the engine's share of the durable run" };
var ingest = new Command("ingest", "Linked events per second through the grains, in one in-process silo")
{
    nullStore,
    people,
    seed,
    storage,
    batch,
    concurrency,
    checkpoint,
    shadow,
    relinkAlways,
};
ingest.SetAction((parse, _) => IngestBenchmark.RunAsync(
    parse.GetValue(people), parse.GetValue(seed), parse.GetValue(storage), parse.GetValue(batch), parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(checkpoint)), Console.Out,
    parse.GetValue(shadow), parse.GetValue(relinkAlways), parse.GetValue(nullStore)));

var senders = new Option<int>("--senders") { Description = "Files to write, one per sender", DefaultValueFactory = _ => 2 };
var directory = new Option<string>("--out") { Description = "The directory the files are written to", Required = true };
var populationFiles = new Command("population-files", "The ingest bench's population as events-v1 NDJSON files for linkage ingest (bench/run-http), bodies dealt out to the senders in turn")
{
    people,
    seed,
    batch,
    senders,
    directory,
};
populationFiles.SetAction(parse => PopulationFiles.Write(
    parse.GetValue(people), parse.GetValue(seed), parse.GetValue(batch), parse.GetValue(senders), parse.GetValue(directory)!, Console.Out));

var indexPeople = new Option<int>("--people") { Description = "Number of people to generate (one partition)", DefaultValueFactory = _ => 15_000 };
var activity = new Option<double>("--activity") { Description = "The generator's activity scale (events per person)", DefaultValueFactory = _ => 1.0 };
var index = new Command("index", "Build time, bytes per person, snapshot sizes, live updates and Count latency of one partition's cohort index")
{
    indexPeople,
    seed,
    activity,
};
index.SetAction(parse => IndexBenchmark.Run(parse.GetValue(indexPeople), parse.GetValue(seed), parse.GetValue(activity), Console.Out));

var callSize = new Option<int>("--call-size") { Description = "Updates per call to a partition", DefaultValueFactory = _ => 16 };
var partitions = new Option<int>("--partitions") { Description = "Index partitions the updates go to", DefaultValueFactory = _ => 16 };
var indexApply = new Command("index-apply", "CPU and bytes allocated per index update: every linked person's summary applied three times to --partitions partitions, merges included")
{
    indexPeople,
    seed,
    activity,
    callSize,
    partitions,
};
indexApply.SetAction(parse => IndexApplyBenchmark.Run(parse.GetValue(indexPeople), parse.GetValue(seed), parse.GetValue(activity), parse.GetValue(callSize), parse.GetValue(partitions), Console.Out));

var million = new Option<bool>("--million") { Description = "Also ingest 1,000,000 people in memory (ten slices of 100,000) and measure memory per active and idle person" };
var durablePeople = new Option<int?>("--durable-people") { Description = "People for the durable and stream rows (default: --people)" };
var skipMemory = new Option<bool>("--skip-memory") { Description = "Leave out the in-memory rows (the call ceiling, cold and warm, latency)" };
var streamOnly = new Option<bool>("--stream-only") { Description = "Only the storage's single-write rate and the feed stream rows (needs --storage)" };
var streamLines = new Option<int?>("--stream-lines") { Description = "Lines published over the feed stream (default: the durable population's, at most 300,000)" };
var snapshotRate = new Option<int>("--snapshot-rate") { Description = "Component snapshot writes a checkpoint starts per second at most (Linkage:Engine:SnapshotsPerSecond; 0: no cap)" };
var engine = new Command("engine", "The ingest engine's numbers side by side: grain call ceiling, in memory, durable against the storage's single-write rate, latency, the feed stream")
{
    nullStore,
    people,
    seed,
    storage,
    batch,
    concurrency,
    million,
    durablePeople,
    skipMemory,
    streamOnly,
    streamLines,
    checkpoint,
    snapshotRate,
};
engine.SetAction((parse, _) => EngineBenchmark.RunAsync(
    parse.GetValue(people), parse.GetValue(storage), parse.GetValue(batch), parse.GetValue(concurrency), parse.GetValue(million), Console.Out,
    parse.GetValue(durablePeople), parse.GetValue(skipMemory), parse.GetValue(streamOnly), parse.GetValue(streamLines), parse.GetValue(nullStore),
    TimeSpan.FromSeconds(parse.GetValue(checkpoint)), parse.GetValue(snapshotRate)));


var cohortPeople = new Option<int>("--people") { Description = "Number of people to generate", DefaultValueFactory = _ => 100_000 };
var runs = new Option<int>("--runs") { Description = "Timed runs of each definition (after 3 warm-up runs)", DefaultValueFactory = _ => 30 };
var noEngine = new Option<bool>("--no-engine") { Description = "Skip the silo: time the single index built from summaries against DuckDB" };
var duckDbThreads = new Option<int?>("--duckdb-threads") { Description = "DuckDB's worker threads (default: every core)" };
var cohorts = new Command("cohorts", "Cohort count latency and memory: the live index after an ingest through the engine, and one index, against DuckDB over a Parquet export")
{
    cohortPeople,
    seed,
    activity,
    runs,
    noEngine,
    duckDbThreads,
};
cohorts.SetAction((parse, _) => CohortBenchmark.RunAsync(
    parse.GetValue(cohortPeople), parse.GetValue(seed), parse.GetValue(activity), parse.GetValue(runs), !parse.GetValue(noEngine),
    parse.GetValue(duckDbThreads), Console.Out));

var benchmarkPeople = new Option<int>("--people") { Description = "Number of people to generate", DefaultValueFactory = _ => 100_000 };
var facilityCount = new Option<int>("--facilities") { Description = "Facilities the receipts are spread over", DefaultValueFactory = _ => 1_000 };
var benchmarkRuns = new Option<int>("--runs") { Description = "Timed runs of each indicator (after 3 warm-up runs)", DefaultValueFactory = _ => 30 };
var benchmarks = new Command("benchmarks", "benchmark-v1 latency (index counting, statistics and disclosure) over one index, beside DuckDB SQL over a Parquet export, p50/p99")
{
    benchmarkPeople,
    seed,
    facilityCount,
    benchmarkRuns,
    duckDbThreads,
};
benchmarks.SetAction((parse, _) => BenchmarkLatency.RunAsync(
    parse.GetValue(benchmarkPeople), parse.GetValue(seed), parse.GetValue(facilityCount), parse.GetValue(benchmarkRuns), parse.GetValue(duckDbThreads), Console.Out));

var safetyPeople = new Option<int>("--people") { Description = "Number of people to generate", DefaultValueFactory = _ => 100_000 };
var safetyRuns = new Option<int>("--runs") { Description = "Timed runs of each query (after 3 warm-up runs)", DefaultValueFactory = _ => 20 };
var noPartitions = new Option<bool>("--no-partitions") { Description = "Leave out the 64 partitions evaluated in parallel (one index only)" };
var safety = new Command("safety", "safety-v1 latency: a single-pair SSA and a screening against every three-character diagnosis, on the index and in DuckDB over a Parquet export, p50/p99; a monitor's re-evaluation after one 5,000-line batch")
{
    safetyPeople,
    seed,
    safetyRuns,
    noPartitions,
    duckDbThreads,
};
safety.SetAction((parse, _) => SafetyBenchmark.RunAsync(
    parse.GetValue(safetyPeople), parse.GetValue(seed), parse.GetValue(safetyRuns), !parse.GetValue(noPartitions), parse.GetValue(duckDbThreads), Console.Out));

var analytics = new Command("analytics", "The safety and benchmarks commands on one generated population (one generation, index and export)")
{
    safetyPeople,
    seed,
    facilityCount,
    safetyRuns,
    noPartitions,
    duckDbThreads,
};
analytics.SetAction((parse, _) => AnalyticsBenchmark.RunAsync(
    parse.GetValue(safetyPeople), parse.GetValue(seed), parse.GetValue(facilityCount), parse.GetValue(safetyRuns), !parse.GetValue(noPartitions),
    parse.GetValue(duckDbThreads), Console.Out));

var kills = new Option<int>("--kills") { Description = "Times the host is killed (crash points in turn)", DefaultValueFactory = _ => 20 };
var soakStorage = new Option<string>("--storage") { Description = "An Azure Storage connection string of an Azurite keeping its files on disk (bench/run-crash-soak starts one)", DefaultValueFactory = _ => "UseDevelopmentStorage=true" };
var crashSoak = new Command("crash-soak", "Kills the real host at the engine's crash points with bodies in flight, again and again; acknowledged records missing before any resend, per kill")
{
    kills,
    soakStorage,
};
crashSoak.SetAction((parse, _) => CrashSoak.RunAsync(parse.GetValue(kills), parse.GetValue(soakStorage)!, Console.Out));

var crossings = new Option<int>("--crossings") { Description = "Timed threshold crossings of each ingest path and analysis (after 3 warm-up crossings)", DefaultValueFactory = _ => 100 };
var alertStorage = new Option<string>("--storage") { Description = "An Azure Storage connection string of a running Azurite (bench/run-alert-latency starts one)", DefaultValueFactory = _ => "UseDevelopmentStorage=true" };
var liveInterval = new Option<int>("--live-interval") { Description = "The host's Linkage:Cohorts:LiveInterval in milliseconds", DefaultValueFactory = _ => 100 };
var background = new Option<int>("--background") { Description = "Lines per second of a generated population ingested over HTTP meanwhile (0: none)", DefaultValueFactory = _ => 0 };
var alertLatency = new Command("alert-latency", "From the acknowledgement of the ingest that crosses a threshold to the alert on the SSE stream, over HTTP and the feed stream, for a surveillance indicator and a safety monitor, on the real host")
{
    crossings,
    alertStorage,
    liveInterval,
    background,
};
alertLatency.SetAction((parse, _) => AlertLatencyBenchmark.RunAsync(
    parse.GetValue(crossings), parse.GetValue(alertStorage)!, TimeSpan.FromMilliseconds(parse.GetValue(liveInterval)), parse.GetValue(background), Console.Out));

var root = new RootCommand("Linkage benchmarks") { quality, ingest, populationFiles, index, indexApply, engine, cohorts, benchmarks, safety, analytics, crashSoak, alertLatency };
return await root.Parse(args).InvokeAsync();
