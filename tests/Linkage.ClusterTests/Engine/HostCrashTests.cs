using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Population;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.ClusterTests.Engine;

/// <summary>A real Azurite keeping its files on disk, shared by the crash tests (each on a prefix of its own).</summary>
public sealed class HostCrashFixture : IAsyncLifetime
{
    public Azurite Storage { get; private set; } = null!;

    public async Task InitializeAsync() => Storage = await Azurite.StartAsync(Directory.CreateTempSubdirectory("linkage-crash-").FullName);

    public async Task DisposeAsync() => await Storage.DisposeAsync();
}

/// <summary>
/// The real host process, on a real Azurite on disk, killed with SIGKILL while a population streams in over HTTP and
/// the Azure Queue feed stream (mid-ingest, in the middle of a checkpoint's snapshots, while the log's segments are
/// deleted), then started again on the same data: every acknowledged record is back exactly once, the stream's
/// batches are all taken, and sending the whole feed again gives exactly the rules' partition on every read path
/// (<c>links</c>, <c>people/by-token</c> and cohort counts, which equal the reference evaluator's).
/// </summary>
public sealed class HostCrashTests(HostCrashFixture fixture) : IClassFixture<HostCrashFixture>
{
    private const string OperatorKey = "dev-operator-key";
    private const string AdminKey = "dev-admin-key";
    private const string ResearcherKey = "dev-researcher-key";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static TheoryData<string, string?> Kills => new()
    {
        { "mid-ingest", null },
        { "during a snapshot", @"checkpoint at \d+: flushing [1-9]\d* components" },
        { "during log compaction", @"deleting \d+ segments behind the checkpoint" },
    };

    [Theory]
    [MemberData(nameof(Kills))]
    public async Task A_host_killed_with_SIGKILL_comes_back_with_every_acknowledged_record_once(string when, string? signal)
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var (silo, gateway) = (LocalMachine.FreePort(), LocalMachine.FreePort());
        var settings = new Dictionary<string, string>
        {
            ["Linkage:Storage:ConnectionString"] = fixture.Storage.ConnectionString,
            ["Linkage:Storage:Prefix"] = prefix,
            ["Linkage:Cluster:ClusterId"] = prefix,
            ["Linkage:Cluster:ServiceId"] = prefix,
            ["Linkage:Cluster:Membership"] = "AzureTable",
            ["Linkage:Cluster:SiloPort"] = silo.ToString(),
            ["Linkage:Cluster:GatewayPort"] = gateway.ToString(),
            ["Linkage:Streams:Transport"] = "AzureQueue",
            ["Linkage:Engine:CheckpointInterval"] = "00:00:02",
            ["Linkage:Engine:KeyPartitions"] = "16",
            ["Linkage:Engine:IndexPartitions"] = "16",
        };
        await using var host = new HostProcess(settings, LocalMachine.FreePort());
        await host.StartAsync();

        var run = "c" + Guid.NewGuid().ToString("N")[..8];
        var population = PopulationGenerator.Generate(new PopulationOptions { People = 200, Seed = 5, Secret = run, ActivityScale = 0.6 });
        var lines = population.Lines.Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{run}-", StringComparison.Ordinal)).ToList();
        var events = lines.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();
        var sources = events.Select(e => e.Source).ToHashSet();
        var streamLines = lines.Where((_, i) => i % 3 == 0).ToList();
        var httpBatches = lines.Where((_, i) => i % 3 != 0).Chunk(60).ToList();

        // The stream's batches are in Azure queues before the kill; the host consumes them during and after it.
        var streamFeed = $"{run}-stream";
        var published = await PublishAsync(prefix, streamFeed, streamLines);

        var acknowledged = new List<FeedEvent>();
        var killAfter = httpBatches.Count / 3;
        var kill = signal is null ? null : host.WaitForLineAsync(new Regex(signal), Deadline);
        using (var http = Client(host, OperatorKey))
        {
            for (var b = 0; b < httpBatches.Count; b++)
            {
                if (kill is null && b == killAfter) break;
                if (kill is { IsCompleted: true }) break;
                try
                {
                    using var response = await http.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', httpBatches[b]), Encoding.UTF8, "application/x-ndjson"));
                    if (response.StatusCode == HttpStatusCode.OK) acknowledged.AddRange(httpBatches[b].Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>());
                }
                catch (HttpRequestException)
                {
                    break;
                }
            }
        }

        if (kill is not null) await kill;
        await host.KillAsync();
        Assert.True(acknowledged.Count > 0, $"{when}: nothing was acknowledged before the kill");

        await host.StartAsync();
        using var admin = Client(host, AdminKey);
        await Eventually.Async(async () => (await Ledger(admin, streamFeed)).GetProperty("batches").GetInt32() == published, Deadline,
            () => $"{when}: ledger {streamFeed}: expected all {published} stream batches taken after the restart, saw {Ledger(admin, streamFeed).Result}");

        var present = await ReadLinksAsync(host, sources);
        foreach (var key in StillCurrent(acknowledged, events))
        {
            Assert.True(present.ContainsKey(key), $"{when}: acknowledged record {key} is missing after the restart ({present.Count} records present)");
        }

        using (var http = Client(host, OperatorKey))
        {
            foreach (var batch in lines.Chunk(500))
            {
                using var response = await http.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', batch), Encoding.UTF8, "application/x-ndjson"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        ClusterLinks.AssertSame(ClusterLinks.Expected(events), await ReadLinksAsync(host, sources));
        await AssertPeopleByTokenAsync(host, events, when);
        using var researcher = Client(host, ResearcherKey);
        var current = ClusterLinks.CurrentRecords(events);
        foreach (var definition in Linkage.ClusterTests.Cohorts.CohortAnswerTests.Definitions)
        {
            CohortCalls.AssertSame(definition, CohortCalls.Expected(definition, current), await CohortCalls.CountAsync(researcher, definition), $"{when}: ");
        }
    }

    /// <summary>Each person holding a mid, read by that token, holds exactly the records the rules give them.</summary>
    private static async Task AssertPeopleByTokenAsync(HostProcess host, List<FeedEvent> events, string when)
    {
        var partition = LinkageRules.Partition(ClusterLinks.CurrentRecords(events));
        using var admin = Client(host, AdminKey);
        foreach (var person in partition.People.Where(p => p.Tokens.Any(t => t.StartsWith("mid.", StringComparison.Ordinal))).Take(40))
        {
            var mid = person.Tokens.First(t => t.StartsWith("mid.", StringComparison.Ordinal));
            var answer = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/by-token/{mid}");
            var records = answer.GetProperty("records").EnumerateArray()
                .Select(r => new RecordKey(r.GetProperty("source").GetString()!, r.GetProperty("recordId").GetString()!)).Order().ToList();
            Assert.True(
                answer.GetProperty("person").GetString() == person.Id && records.SequenceEqual(person.Records),
                $"{when}: people/by-token/{mid}: expected {person.Id} with [{string.Join(", ", person.Records)}], saw {answer.GetProperty("person")} with [{string.Join(", ", records)}]");
        }
    }

    /// <summary>Records an acknowledged version keeps current whatever else was sent: no version sent (acknowledged or not) retracts them.</summary>
    private static IEnumerable<RecordKey> StillCurrent(List<FeedEvent> acknowledged, List<FeedEvent> sent)
    {
        var retracted = sent.Where(e => e.Retracted).Select(e => e.Key).ToHashSet();
        return acknowledged.Where(e => !e.Retracted && !retracted.Contains(e.Key)).Select(e => e.Key).Distinct();
    }

    /// <summary>Publishes lines to the Azure Queue feed stream as an Orleans client of the host's cluster (as <c>linkage stream</c> does); the batches sent.</summary>
    private async Task<int> PublishAsync(string prefix, string source, List<string> lines)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.AddLinkageCluster(new LinkageClusterConnection
        {
            StorageConnectionString = fixture.Storage.ConnectionString,
            StoragePrefix = prefix,
            ClusterId = prefix,
            ServiceId = prefix,
        }));
        using var clientHost = builder.Build();
        await clientHost.StartAsync();
        var publisher = new FeedPublisher(clientHost.Services.GetRequiredService<IClusterClient>(), new FeedPublisherOptions { BatchLines = 25, StreamsPerSource = 4 });
        var sent = await publisher.PublishAsync(source, "stream.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
        await clientHost.StopAsync();
        return sent.Batches;
    }

    private static HttpClient Client(HostProcess host, string key)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> Ledger(HttpClient admin, string source)
    {
        using var operatorClient = new HttpClient { BaseAddress = admin.BaseAddress };
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        return await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/feeds/{source}");
    }

    private static async Task<Dictionary<RecordKey, string>> ReadLinksAsync(HostProcess host, IReadOnlySet<string> sources)
    {
        using var admin = Client(host, AdminKey);
        var links = new Dictionary<RecordKey, string>();
        foreach (var line in (await admin.GetStringAsync("/api/v1/links")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var link = JsonDocument.Parse(line).RootElement;
            var key = new RecordKey(link.GetProperty("source").GetString()!, link.GetProperty("recordId").GetString()!);
            if (!sources.Contains(key.Source)) continue;
            Assert.True(links.TryAdd(key, link.GetProperty("person").GetString()!), $"record {key} is linked twice");
        }

        return links;
    }
}
