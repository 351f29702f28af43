using System.Net;
using System.Text.Json;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Recovery;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Engine;

/// <summary>Three silos whose logs are checkpointed only when a test (or an opt-out) asks, each test on its own records.</summary>
public sealed class OptOutFixture : LinkageClusterFixture
{
    protected override int Silos => 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Linkage:Engine:CheckpointInterval"] = "01:00:00",
    };
}

/// <summary>
/// <c>POST /api/v1/optout</c> (次世代医療基盤法): the person's records leave every read path, the cohort index and
/// storage; later records carrying their tokens are dropped and counted as <c>optedOut</c>, over HTTP and the stream;
/// the opt-out is audited, and a replay of a log that still holds their records does not bring them back.
/// </summary>
public sealed class OptOutTests(OptOutFixture fixture) : IClassFixture<OptOutFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_opted_out_person_whose_records_went_in_through_other_silos_leaves_every_index_and_storage_and_later_records_are_dropped()
    {
        // The person's records go in through the second and third silos, the opt-out through the first: what it
        // purges was logged, held and indexed elsewhere.
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var (second, third) = (LinkageHttpFront.Of(fixture.Cluster, 1), LinkageHttpFront.Of(fixture.Cluster, 2));
        Assert.Equal(3, fixture.Cluster.Silos.Count);
        var source = NewSource();
        var code = "Z" + Random.Shared.Next(10, 99) + "." + Random.Shared.Next(10);
        var (mid, name) = (NewMid(), NewId2());
        var person = new[]
        {
            Receipt(source, "optout-r1", code, mid: mid),
            Receipt(source, "optout-r2", code, mid: mid, id2: name),
            Lab(source, "optout-l1", mid: mid),
        };
        var others = Enumerable.Range(0, 10).Select(i => Receipt(source, $"other-{i}", code, mid: NewMid())).ToArray();
        Assert.Equal(2, (await second.IngestAsync(person[..2])).Accepted);
        Assert.Equal(1, (await third.IngestAsync(person[2..])).Accepted);
        await front.IngestAsync(others);
        var (kept, keptSource) = (NewMid(), NewSource());
        await front.IngestAsync(Enumerable.Range(0, 3).Select(i => Receipt(keptSource, $"kept-{i}", "Y00.0", mid: kept)).ToArray());
        Assert.Equal(11, await CohortTotalAsync(front, code));

        var answer = await OptOutAsync(front, mid);

        Assert.Equal(3, answer.GetProperty("purged").GetInt32());
        Assert.StartsWith("p.", answer.GetProperty("person").GetString());
        foreach (var silo in new[] { front, second, third })
        {
            using var admin = silo.Client(LinkageHttpFront.AdminKey);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/people/by-token/{mid}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/people/by-token/{name}")).StatusCode);
            Assert.Equal(10, await CohortTotalAsync(silo, code));
        }

        var links = await ClusterLinks.ReadAsync(front, new HashSet<string> { source });
        Assert.DoesNotContain(links.Keys, k => k.RecordId.StartsWith("optout-", StringComparison.Ordinal));
        Assert.Equal(10, links.Count);
        Assert.Equal(10, await CohortTotalAsync(front, code));

        // The opting silo's log was rewritten without them; the logs of the silos they went in through still hold them
        // until each passes its next checkpoint (Linkage:Engine:CheckpointInterval, an hour here), run now instead.
        var opting = ((Orleans.TestingHost.InProcessSiloHandle)fixture.Cluster.Silos[0]).SiloAddress.ToParsableString().Replace(':', '-').Replace('@', '-');
        Assert.All(await StorageHoldingAsync("optout-"), place => Assert.True(place.Contains("-log/", StringComparison.Ordinal) && !place.Contains(opting, StringComparison.Ordinal), $"{place}: only other silos' logs may hold them before their checkpoint"));
        foreach (var silo in fixture.Cluster.Silos.Cast<Orleans.TestingHost.InProcessSiloHandle>())
        {
            await silo.SiloHost.Services.GetRequiredService<Linkage.Recovery.Checkpointer>().RunAsync(CancellationToken.None);
        }

        Assert.Empty(await StorageHoldingAsync("optout-"));

        // The search sees into packed snapshots: another person of three records, checkpointed as theirs were, is found there.
        var holdingKept = await StorageHoldingAsync("kept-");
        Assert.True(holdingKept.Any(place => place.EndsWith("(its snapshot, unpacked)", StringComparison.Ordinal)), string.Join("\n", holdingKept));

        // Sent again, through the silos they first went in by and over the stream: dropped and counted, never stored.
        Assert.Equal(new IngestTally(0, 0, 3), await second.IngestAsync(person));
        Assert.Equal(new IngestTally(0, 0, 1), await third.IngestAsync(Lab(source, "optout-new", mid: mid)));
        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 10, StreamsPerSource = 1 });
        var stream = $"{source}-s";
        var published = await publisher.PublishAsync(stream, "again.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', person.Select(p => FeedEventJson.ToJson(p with { Source = stream }))))));
        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(stream);
        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == published.Batches, Deadline,
            () => $"ledger {stream}: expected {published.Batches} batches, saw {ledger.GetLedger().Result.Batches}");
        Assert.Equal((0, 3), ((int)(await ledger.GetLedger()).Accepted, (int)(await ledger.GetLedger()).OptedOut));
        Assert.Equal(10, await CohortTotalAsync(front, code));

        using var audit = front.Client(LinkageHttpFront.AdminKey);
        var entries = (await audit.GetStringAsync("/api/v1/audit")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "optout" && e.GetProperty("what").GetString() == mid && e.GetProperty("count").GetInt64() == 3);
    }

    [Fact]
    public async Task An_opt_out_survives_the_replay_of_a_log_that_still_holds_the_persons_records()
    {
        // The person's records go in through the third silo, whose log no checkpoint passes: its replay holds them.
        var source = NewSource();
        var mid = NewMid();
        var victim = fixture.Cluster.Silos[^1];
        var person = Enumerable.Range(0, 4).Select(i => Lab(source, $"replayed-{i}", mid: mid)).ToArray();
        await LinkageHttpFront.Of(fixture.Cluster, fixture.Cluster.Silos.Count - 1).IngestAsync(person);
        var front = LinkageHttpFront.Of(fixture.Cluster);
        Assert.Equal(4, (await OptOutAsync(front, mid)).GetProperty("purged").GetInt32());

        var killedAt = DateTimeOffset.UtcNow;
        await fixture.Cluster.CrashSiloAsync(victim);
        var coordinator = fixture.Grains.GetGrain<Linkage.Engine.IRecoveryCoordinatorGrain>(0);
        var recovery = await coordinator.EnsureRecovered(0);
        await Eventually.Async(async () => (recovery = await coordinator.EnsureRecovered(0)).CompletedAt > killedAt, Deadline,
            () => $"expected a recovery after silo {victim.Name} was killed at {killedAt:O}, saw {recovery}");
        foreach (var silo in fixture.Cluster.Silos.Cast<Orleans.TestingHost.InProcessSiloHandle>()) await LinkageHttpFront.WaitOpenAsync(silo.SiloHost.Services, silo.Name);

        using var admin = front.Client(LinkageHttpFront.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/people/by-token/{mid}")).StatusCode);
        Assert.Empty(await ClusterLinks.ReadAsync(front, new HashSet<string> { source }));
    }

    private static async Task<JsonElement> OptOutAsync(LinkageHttpFront front, string token)
    {
        using var admin = front.Client(LinkageHttpFront.AdminKey);
        using var response = await admin.PostAsync("/api/v1/optout", new StringContent($$"""{"token":"{{token}}"}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"optout answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<long?> CohortTotalAsync(LinkageHttpFront front, string code)
    {
        using var client = front.Client(LinkageHttpFront.ResearcherKey);
        using var response = await client.PostAsync("/api/v1/cohorts/count", new StringContent($$$"""{"entry":{"kind":"receipt","code":"{{{code}}}"}}""", Encoding.UTF8, "application/json"));
        var total = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("total");
        return total.ValueKind == JsonValueKind.Null ? null : total.GetInt64();
    }

    /// <summary>Every blob and table entity of this fixture's storage whose bytes hold <paramref name="text"/>.</summary>
    private async Task<List<string>> StorageHoldingAsync(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var found = new List<string>();
        var blobs = new BlobServiceClient(fixture.Storage.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: fixture.Prefix))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, default))
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                if (content.AsSpan().IndexOf(needle) >= 0 || PackedBytes.Brotli(content)?.AsSpan().IndexOf(needle) >= 0) found.Add($"blob {container.Name}/{blob.Name}");
            }
        }

        var tables = new TableServiceClient(fixture.Storage.ConnectionString);
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(fixture.Prefix) >= 0))
        {
            if (!table.Name.StartsWith(fixture.Prefix, StringComparison.Ordinal)) continue;
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in entity)
                {
                    var bytes = value switch { byte[] b => b, string s => Encoding.UTF8.GetBytes(s), _ => [] };
                    if (bytes.AsSpan().IndexOf(needle) >= 0) found.Add($"table {table.Name} {entity.PartitionKey}/{entity.RowKey}.{key}");
                }

                if (PackedBytes.Snapshot(entity)?.AsSpan().IndexOf(needle) >= 0) found.Add($"table {table.Name} {entity.PartitionKey}/{entity.RowKey} (its snapshot, unpacked)");
            }
        }

        return found;
    }

    private static FeedEvent Receipt(string source, string recordId, string code, string? mid = null, string? id2 = null) => new()
    {
        Source = source,
        RecordId = recordId,
        Version = 1,
        Kind = EventKind.Receipt,
        Date = new DateOnly(2024, 6, 3),
        Subject = new Subject { Mid = mid, Id2 = id2, Birth = "1950-03", Sex = Sex.F, Pref = "26" },
        Data = new ReceiptData { Setting = "outpatient", Diagnoses = [new Diagnosis { Code = code, Main = true }] },
    };
}
