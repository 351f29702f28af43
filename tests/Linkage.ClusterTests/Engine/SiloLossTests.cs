using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Population;

namespace Linkage.ClusterTests.Engine;

/// <summary>Three silos on the Azure Queue stream, with checkpoints every 3 s (a killed silo loses seconds of changes); one silo is killed by a test.</summary>
public sealed class SiloLossFixture : LinkageClusterFixture
{
    protected override int Silos => 3;

    protected override string StreamTransport => "AzureQueue";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Linkage:Engine:CheckpointInterval"] = "00:00:03",
    };
}

/// <summary>
/// A silo of three is killed (no shutdown: its grains lose what their snapshots did not hold) while a population is
/// ingested over two silos' APIs and the Azure Queue stream: the others go on, the cluster replays the logs, and in the
/// end every record is present exactly once and the people are the rules'.
/// </summary>
public sealed class SiloLossTests(SiloLossFixture fixture) : IClassFixture<SiloLossFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Ingest_goes_on_while_a_silo_is_killed_and_every_acknowledged_record_is_there_once()
    {
        var run = "k" + Guid.NewGuid().ToString("N")[..8];
        var population = PopulationGenerator.Generate(new PopulationOptions { People = 150, Seed = 11, Secret = run, ActivityScale = 0.5 });
        var lines = population.Lines.Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{run}-", StringComparison.Ordinal)).ToList();
        var events = lines.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();
        var sources = events.Select(e => e.Source).ToHashSet();
        var (httpLines, streamLines) = (lines.Where((_, i) => i % 3 != 0).ToList(), lines.Where((_, i) => i % 3 == 0).ToList());
        var batches = httpLines.Chunk(40).ToList();

        var streamFeed = $"{run}-stream";
        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 25, StreamsPerSource = 4 });
        var posted = 0;
        var victim = fixture.Cluster.Silos[2];
        var killed = false;
        var killedAt = DateTimeOffset.MaxValue;
        var streaming = publisher.PublishAsync(streamFeed, "population.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', streamLines))));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async lane =>
        {
            for (var b = lane; b < batches.Count; b += 2)
            {
                await fixture.Cluster.PostUntilAcceptedAsync(lane, batches[b]);
                if (Interlocked.Increment(ref posted) == batches.Count / 3 && !killed)
                {
                    killed = true;
                    killedAt = DateTimeOffset.UtcNow;
                    await fixture.Cluster.CrashSiloAsync(victim);
                }
            }
        }));
        var published = await streaming;
        Assert.True(killed, "the silo was never killed: too few batches");

        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(streamFeed);
        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == published.Batches, Deadline,
            () => $"ledger {streamFeed}: expected {published.Batches} batches consumed by the surviving silos, saw {ledger.GetLedger().Result.Batches}");

        var recovery = await fixture.Grains.GetGrain<Linkage.Engine.IRecoveryCoordinatorGrain>(0).EnsureRecovered(0);
        Assert.True(recovery.CompletedAt > killedAt && recovery.LogsReplayed >= 3, $"expected a recovery after the kill at {killedAt:O} that replayed the dead silo's log and the living ones', saw {recovery}");

        var expected = ClusterLinks.Expected(events);
        ClusterLinks.AssertSame(expected, await ClusterLinks.ReadAsync(LinkageHttpFront.Of(fixture.Cluster), sources));
    }
}
