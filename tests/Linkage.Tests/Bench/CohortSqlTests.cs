using Linkage.Bench.Sql;
using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;
using Linkage.Tests.Cohorts.Index;

namespace Linkage.Tests.Bench;

/// <summary>
/// The cohort benchmark's baseline, cohort-v1 in DuckDB's SQL over the Parquet export, against the reference
/// evaluator: so that the benchmark's answers cannot drift from the contract unnoticed.
/// </summary>
[Collection(ExportedPeopleCollection.Name)]
public sealed class CohortSqlTests(CohortSqlTests.ExportedPeople people)
{
    [Fact]
    public void The_benchmark_definitions_count_in_DuckDB_as_the_reference_evaluator_counts()
    {
        var nonEmpty = 0;
        foreach (var (name, json) in BenchmarkCohorts.All)
        {
            var parsed = CohortDefinitionParser.Parse(json, minCellFloor: 10);
            Assert.True(parsed.IsValid, $"{name}: {string.Join("; ", parsed.Problems)}");
            var expected = CohortEvaluator.Count(parsed.Definition, people.People);
            Assert.True(expected == people.Database.Count(parsed.Definition), $"{name}: DuckDB's count differs from the evaluator's ({expected.Total} people)");
            if (expected.Total > 0) nonEmpty++;
        }

        Assert.True(nonEmpty >= BenchmarkCohorts.All.Count - 2, $"only {nonEmpty} of {BenchmarkCohorts.All.Count} benchmark definitions selected anyone");
    }

    [Fact]
    public void Random_definitions_count_in_DuckDB_as_the_reference_evaluator_counts()
    {
        var random = new Random(23);
        var nonEmpty = 0;
        for (var i = 0; i < 200; i++)
        {
            var definition = RandomDefinitions.Make(random, people.Pools);
            var expected = CohortEvaluator.Count(definition, people.People);
            var counted = people.Database.Count(definition);
            Assert.True(expected == counted, $"definition {i}: {CohortDefinitionJson.ToJson(definition)}: the evaluator counted {expected.Total}, DuckDB {counted.Total}");
            if (expected.Total > 0) nonEmpty++;
        }

        Assert.True(nonEmpty > 50, $"only {nonEmpty} of 200 definitions selected anyone");
    }

    [Fact]
    public void A_tied_entry_day_is_attributed_to_the_facility_of_its_earliest_receipt_by_source_then_record_id()
    {
        var parsed = CohortDefinitionParser.Parse("""{"entry": {"kind": "receipt", "code": "E11"}, "groupBy": ["facility"]}""", minCellFloor: 10);
        var counted = people.Database.Count(parsed.Definition!);
        var groups = counted.Groups.ToDictionary(g => g.Key[0], g => g.Count);

        // Three E11 receipts of the same day: from feed-a only, R-10 sorts first (ordinal: R-10 < R-100 < R-9);
        // from feed-a, feed-b, feed-a, the feed-a receipts come first and R-100 of them.
        var tied = people.People.Count(p => p.Person.StartsWith("tied", StringComparison.Ordinal));
        var allFeedA = people.People.Count(p => p.Person.StartsWith("tied", StringComparison.Ordinal) && p.Records.All(r => r.Source == "feed-a"));
        Assert.Equal(allFeedA, groups.GetValueOrDefault("1310000010"));
        Assert.Equal(tied - allFeedA, groups.GetValueOrDefault("1310000100"));
        Assert.False(groups.ContainsKey("1310000009"));
        Assert.False(groups.ContainsKey("1320000010"));
        Assert.True(CohortEvaluator.Count(parsed.Definition!, people.People) == counted, "DuckDB's facility groups differ from the evaluator's");
    }

    /// <summary>
    /// 400 generated people linked by the rules, 150 random people whose records disagree on their subject and carry
    /// suspected diagnoses, and 60 whose latest records tie on the date: exported to Parquet and loaded into DuckDB once.
    /// </summary>
    public sealed class ExportedPeople : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "linkage-cohort-sql-" + Guid.NewGuid().ToString("N"));

        public ExportedPeople()
        {
            var population = PopulationGenerator.Generate(new PopulationOptions { People = 400, Seed = 29 });
            var current = population.CurrentRecords();
            var byKey = current.ToDictionary(r => r.Key);
            var linked = LinkageRules.Partition(current).People
                .Select(p => (p.Id, (IReadOnlyCollection<FeedEvent>)[.. p.Records.Select(k => byKey[k])]));
            People = [.. linked, .. Cohorts.RandomPeople.Make(seed: 7, count: 150), .. Tied(new Random(3), 60)];
            EventTables.WriteAsync(People.Select(p => p.Records), _directory).GetAwaiter().GetResult();
            Database = DuckDbCohortDatabase.Load(_directory, threads: 1);
            Pools = RandomDefinitions.Pools.Of(People.Select(p => PersonSummaries.Of(p.Person, p.Records)));
        }

        public IReadOnlyList<(string Person, IReadOnlyCollection<FeedEvent> Records)> People { get; }

        /// <summary>
        /// People with E11 receipts on one day from two feeds, under record ids whose ordinal order is not their
        /// numeric one (R-9 is later than R-10), each with another subject and facility: only the latest-record rule
        /// tells their subjects apart, and only the earliest-receipt rule (by source, then recordId) their entry facility.
        /// </summary>
        private static IEnumerable<(string Person, IReadOnlyCollection<FeedEvent> Records)> Tied(Random random, int count) =>
            Enumerable.Range(0, count).Select(i =>
            {
                var day = new DateOnly(2021, 1, 1).AddDays(random.Next(700)).ToString("yyyy-MM-dd");
                FeedEvent Receipt(string source, string recordId)
                {
                    var receipt = Cohorts.CohortRecords.Diagnosed(day, "E11.9");
                    return receipt with
                    {
                        Source = source,
                        RecordId = recordId,
                        Data = (ReceiptData)receipt.Data! with { Facility = (source == "feed-a" ? "1310000" : "1320000") + recordId[2..].PadLeft(3, '0') },
                        Subject = Cohorts.CohortRecords.Subject($"{1940 + random.Next(60)}-{1 + random.Next(12):00}", (Sex)random.Next(3), random.Next(3) == 0 ? null : "0" + (1 + random.Next(9))),
                    };
                }

                var sources = random.Next(2) == 0 ? new[] { "feed-a", "feed-a", "feed-a" } : ["feed-a", "feed-b", "feed-a"];
                return ("tied" + i, (IReadOnlyCollection<FeedEvent>)[Receipt(sources[0], "R-9"), Receipt(sources[1], "R-10"), Receipt(sources[2], "R-100")]);
            });

        public DuckDbCohortDatabase Database { get; }

        internal RandomDefinitions.Pools Pools { get; }

        public void Dispose()
        {
            Database.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
