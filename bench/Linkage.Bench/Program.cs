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
var batch = new Option<int>("--batch") { Description = "Record versions per router call", DefaultValueFactory = _ => 1000 };
var concurrency = new Option<int>("--concurrency") { Description = "Router calls in flight", DefaultValueFactory = _ => 4 };
var ingest = new Command("ingest", "Linked events per second through the grains, in one in-process silo")
{
    people,
    seed,
    storage,
    batch,
    concurrency,
};
ingest.SetAction((parse, _) => IngestBenchmark.RunAsync(
    parse.GetValue(people), parse.GetValue(seed), parse.GetValue(storage), parse.GetValue(batch), parse.GetValue(concurrency), Console.Out));

var indexPeople = new Option<int>("--people") { Description = "Number of people to generate (one partition)", DefaultValueFactory = _ => 15_000 };
var activity = new Option<double>("--activity") { Description = "The generator's activity scale (events per person)", DefaultValueFactory = _ => 1.0 };
var index = new Command("index", "Build time, bytes per person, snapshot sizes, live updates and Count latency of one partition's cohort index")
{
    indexPeople,
    seed,
    activity,
};
index.SetAction(parse => IndexBenchmark.Run(parse.GetValue(indexPeople), parse.GetValue(seed), parse.GetValue(activity), Console.Out));

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

var root = new RootCommand("Linkage benchmarks") { quality, ingest, index, cohorts };
return await root.Parse(args).InvokeAsync();
