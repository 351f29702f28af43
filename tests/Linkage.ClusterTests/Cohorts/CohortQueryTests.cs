using System.Net;
using System.Text.Json;
using System.Text;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.People;
using Linkage.Population;
using Linkage.Recovery;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Cohorts;

/// <summary>
/// <c>POST /api/v1/cohorts/count</c> over a generated population ingested through every silo's API: the distributed
/// index's exact tally (its partitions summed, nothing suppressed) equals the reference evaluator's over the same
/// current records, every definition selecting someone, and so does the published answer (a cluster of its own, so
/// that the evaluator sees exactly what the index holds).
/// </summary>
public abstract class CohortAnswerTests(LinkageClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>One definition per criterion kind and field, windows of every shape, survival, every group key.</summary>
    public static readonly string[] Definitions =
    [
        """{"entry":{"kind":"receipt","code":"E11"}}""",
        """{"entry":{"kind":"receipt","code":"E11"},"period":{"from":"2019-01-01","to":"2023-12-31"},"require":[{"kind":"lab","code":"3D046","min":6.5,"from":0,"to":180}],"exclude":[{"kind":"receipt","code":"N18","from":-365,"to":-1}],"outcome":{"kind":"death","from":0,"to":730},"groupBy":["sex","age10","outcome"]}""",
        """{"entry":{"kind":"receipt","drug":"3969"},"require":[{"kind":"receipt","code":"E11","from":-30,"to":30}],"groupBy":["entryYear"]}""",
        """{"entry":{"kind":"receipt","procedure":"160000410"},"groupBy":["pref"]}""",
        """{"entry":{"kind":"lab","code":"3C015","min":1.2},"age":{"min":60},"groupBy":["sex"]}""",
        """{"entry":{"kind":"medication","code":"2149"},"sex":"F","groupBy":["age10"]}""",
        """{"entry":{"kind":"surgery","code":"K","complication":true}}""",
        """{"entry":{"kind":"surgery","code":"K6"},"outcome":{"kind":"death","to":365},"survival":{"step":90},"groupBy":["sex","outcome"]}""",
        """{"entry":{"kind":"vital","type":"sbp","min":140},"require":[{"kind":"medication","from":-365,"to":0}],"groupBy":["sex"]}""",
        """{"entry":{"kind":"maternal","entry":"delivery","max":2500}}""",
        """{"entry":{"kind":"maternal","entry":"checkup"},"groupBy":["age10"]}""",
        """{"entry":{"kind":"death"},"groupBy":["sex","age10"]}""",
        """{"entry":{"kind":"receipt"},"pref":["13","27","01"],"groupBy":["pref","entryYear"],"minCell":20}""",
        """{"entry":{"kind":"receipt","code":"I10"},"exclude":[{"kind":"receipt","code":"E11"}],"outcome":{"kind":"receipt","code":"I21","from":1},"groupBy":["outcome"]}""",
    ];

    [Fact]
    public async Task The_distributed_tally_and_answer_equal_the_reference_evaluators_for_every_kind_of_criterion_each_selecting_someone_and_giving_no_small_count_away()
    {
        var run = "q" + Guid.NewGuid().ToString("N")[..8];
        var population = PopulationGenerator.Generate(new PopulationOptions { People = 400, Seed = 31, Secret = run });
        var lines = population.Lines.Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{run}-", StringComparison.Ordinal)).ToList();
        var events = lines.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();

        await IngestAsync(lines);
        var current = ClusterLinks.CurrentRecords(events);

        var partitions = ((Orleans.TestingHost.InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Linkage.Engine.LinkageEngineOptions>>().Value.IndexPartitions;
        foreach (var json in Definitions)
        {
            var exact = CohortCalls.ExpectedTally(json, current);
            CohortCalls.AssertSameTally(json, exact, await CohortCalls.IndexTallyAsync(fixture.Grains, partitions, json));
            var answer = await CountAsync(json);
            CohortCalls.AssertSame(json, CohortCalls.Expected(json, current), answer);
            CohortCalls.AssertNothingDerivable(json, exact, answer);
        }
    }

    private async Task IngestAsync(List<string> lines)
    {
        var batches = lines.Chunk(300).ToList();
        await Task.WhenAll(batches.Select(async (batch, i) =>
        {
            using var client = LinkageHttpFront.Of(fixture.Cluster, i).Client(LinkageHttpFront.OperatorKey);
            using var response = await client.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', batch), Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
    }

    private Task<JsonElement> CountAsync(string definition) => LinkageHttpFront.Of(fixture.Cluster).CountAsync(definition);
}

/// <summary>The cohort answer on one silo of its own.</summary>
public sealed class CohortAnswersOnOneSilo(CohortOneSiloFixture fixture) : CohortAnswerTests(fixture), IClassFixture<CohortOneSiloFixture>;

/// <summary>The cohort answer on three silos of their own: partitions and people spread over silos.</summary>
public sealed class CohortAnswersOnThreeSilos(CohortThreeSiloFixture fixture) : CohortAnswerTests(fixture), IClassFixture<CohortThreeSiloFixture>;

/// <summary>A one-silo cluster for the cohort answer alone.</summary>
public sealed class CohortOneSiloFixture : LinkageClusterFixture;

/// <summary>A three-silo cluster for the cohort answer alone.</summary>
public sealed class CohortThreeSiloFixture : LinkageClusterFixture
{
    protected override int Silos => 3;
}

/// <summary>What a research client can rely on: a query sees what was acknowledged before it, and small cells never show.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class CohortQueryTests(LinkageClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_query_right_after_an_acknowledged_ingest_sees_it_over_HTTP_and_over_the_stream()
    {
        var source = NewSource();
        var code = "Z" + Random.Shared.Next(10, 99) + "." + Random.Shared.Next(10); // a diagnosis no other test gives
        var definition = $$"""{"entry":{"kind":"receipt","code":"{{code}}"},"minCell":10}""";
        Assert.True((await CountAsync(definition)).GetProperty("total").ValueKind == JsonValueKind.Null, "nobody should have the code yet");

        var viaHttp = Enumerable.Range(0, 12).Select(i => Receipt(source, $"h{i}", NewMid(), code)).ToArray();
        await LinkageHttpFront.Of(fixture.Cluster).IngestAsync(viaHttp);
        Assert.Equal(12, (await CountAsync(definition)).GetProperty("total").GetInt64());

        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 5, StreamsPerSource = 2 });
        var streamed = Enumerable.Range(0, 11).Select(i => FeedEventJson.ToJson(Receipt(source, $"s{i}", NewMid(), code))).ToList();
        var published = await publisher.PublishAsync(source, "stream.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', streamed))));

        // The ledger records a batch after it was acknowledged (logged, applied, indexed): the barrier for the query.
        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(source);
        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == published.Batches, Deadline,
            () => $"ledger {source}: expected {published.Batches} batches, saw {ledger.GetLedger().Result.Batches}");
        Assert.Equal(23, (await CountAsync(definition)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task No_published_count_lies_between_one_and_the_floor_whatever_minCell_is_asked()
    {
        var source = NewSource();
        var code = "Y" + Random.Shared.Next(10, 99) + "." + Random.Shared.Next(10);
        var people = Enumerable.Range(0, 33).Select(i => Receipt(source, $"r{i}", NewMid(), code, sex: (Sex)(i % 3), birth: i < 3 ? "1930-01" : "1980-06")).ToArray();
        await LinkageHttpFront.Of(fixture.Cluster).IngestAsync(people);

        foreach (var minCell in new[] { 10, 12, 40 })
        {
            var answer = await CountAsync($$"""{"entry":{"kind":"receipt","code":"{{code}}"},"groupBy":["sex","age10"],"minCell":{{minCell}}}""");
            var counts = answer.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("count")).ToList();
            Assert.All(counts, c => Assert.True(c.ValueKind == JsonValueKind.Null || c.GetInt64() >= minCell, $"minCell {minCell}: published {c}"));
            Assert.Equal(counts.Count(c => c.ValueKind == JsonValueKind.Null), answer.GetProperty("suppressed").GetInt32());
        }

        using var client = LinkageHttpFront.Of(fixture.Cluster).Client(LinkageHttpFront.ResearcherKey);
        using var below = await client.PostAsync("/api/v1/cohorts/count", Json("""{"entry":{"kind":"receipt"},"minCell":5}"""));
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        Assert.Contains("minCell", await below.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_query_counts_people_whose_grains_have_left_memory_without_activating_any()
    {
        var source = NewSource();
        var code = "X" + Random.Shared.Next(10, 99) + "." + Random.Shared.Next(10);
        await LinkageHttpFront.Of(fixture.Cluster).IngestAsync([.. Enumerable.Range(0, 14).Select(i => Receipt(source, $"r{i}", NewMid(), code))]);

        // Every snapshot written, then every idle grain collected: the people are only in storage and the index now.
        var services = ((Orleans.TestingHost.InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        await services.GetRequiredService<Linkage.Recovery.Checkpointer>().RunAsync(CancellationToken.None);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var before = await ActivePersonGrainsAsync(management);

        var definitions = new[]
        {
            $$$"""{"entry":{"kind":"receipt","code":"{{{code}}}"}}""",
            $$$"""{"entry":{"kind":"receipt","code":"{{{code}}}"},"groupBy":["sex","age10","pref"],"outcome":{"kind":"death","to":365},"survival":{"step":30}}""",
        };
        foreach (var definition in definitions) Assert.Equal(14, (await CountAsync(definition)).GetProperty("total").GetInt64());

        var after = await ActivePersonGrainsAsync(management);
        Assert.True(after == before, $"component grains: {before} active before the queries, {after} after; a query must read the index only");
    }

    private static async Task<int> ActivePersonGrainsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(nameof(Linkage.People.ComponentGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);

    private Task<JsonElement> CountAsync(string definition) => LinkageHttpFront.Of(fixture.Cluster).CountAsync(definition);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static FeedEvent Receipt(string source, string recordId, string mid, string code, Sex sex = Sex.F, string birth = "1960-05") => new()
    {
        Source = source,
        RecordId = recordId,
        Version = 1,
        Kind = EventKind.Receipt,
        Date = new DateOnly(2024, 5, 1),
        Subject = new Subject { Mid = mid, Birth = birth, Sex = sex, Pref = "13" },
        Data = new ReceiptData { Setting = "outpatient", Diagnoses = [new Diagnosis { Code = code, Main = true }] },
    };
}
