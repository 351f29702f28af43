using System.Text;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Population;
using Xunit.Abstractions;

namespace Linkage.ClusterTests.Engine;

/// <summary>Three silos on the Azure Queue stream; one is stopped (gracefully) by the test.</summary>
public sealed class GracefulSiloStopFixture : LinkageClusterFixture
{
    protected override int Silos => 3;

    protected override string StreamTransport => "AzureQueue";
}

/// <summary>
/// A silo of three is stopped the way a rolling deployment stops it (<c>StopSiloAsync</c>: its grains deactivate,
/// its gate closes, its stream queues move) while a population is ingested over two silos' APIs and the Azure Queue
/// stream: ingest goes on, the living logs are replayed, and in the end every record is present exactly once and the
/// people are the rules'.
/// </summary>
public sealed class GracefulSiloStopTests(GracefulSiloStopFixture fixture, ITestOutputHelper output) : IClassFixture<GracefulSiloStopFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Ingest_goes_on_while_a_silo_is_stopped_and_every_record_is_there_once()
    {
        var run = "g" + Guid.NewGuid().ToString("N")[..8];
        var population = PopulationGenerator.Generate(new PopulationOptions { People = 150, Seed = 17, Secret = run, ActivityScale = 0.5 });
        var lines = population.Lines.Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{run}-", StringComparison.Ordinal)).ToList();
        var events = lines.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();
        var sources = events.Select(e => e.Source).ToHashSet();
        var (httpLines, streamLines) = (lines.Where((_, i) => i % 3 != 0).ToList(), lines.Where((_, i) => i % 3 == 0).ToList());
        var batches = httpLines.Chunk(40).ToList();

        var streamFeed = $"{run}-stream";
        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 25, StreamsPerSource = 4 });
        var victim = fixture.Cluster.Silos[2];
        Task? stopping = null;
        var stoppedAt = DateTimeOffset.MaxValue;
        var posted = 0;
        var retried = 0;
        var streaming = publisher.PublishAsync(streamFeed, "population.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', streamLines))));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async lane =>
        {
            for (var b = lane; b < batches.Count; b += 2)
            {
                var attempts = await fixture.Cluster.PostUntilAcceptedAsync(lane, batches[b]);
                Interlocked.Add(ref retried, attempts - 1);

                // Stopped while the other lane and the stream go on, not awaited here.
                if (Interlocked.Increment(ref posted) == batches.Count / 3)
                {
                    stoppedAt = DateTimeOffset.UtcNow;
                    stopping = fixture.Cluster.StopSiloAsync(victim);
                }
            }
        }));
        var published = await streaming;
        Assert.True(stopping is not null, "the silo was never stopped: too few batches");
        await stopping;
        Assert.DoesNotContain(victim, fixture.Cluster.Silos);

        // Its log was deleted cleanly, yet the living logs are replayed: a grain of the stopped silo may have failed to
        // write what their batches gave it as it deactivated.
        var recovery = await fixture.Grains.GetGrain<Linkage.Engine.IRecoveryCoordinatorGrain>(0).EnsureRecovered(0);
        Assert.True(recovery.CompletedAt > stoppedAt, $"expected a recovery after the stop began at {stoppedAt:O}, saw {recovery}");

        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(streamFeed);
        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == published.Batches, Deadline,
            () => $"ledger {streamFeed}: expected {published.Batches} batches consumed by the remaining silos, saw {ledger.GetLedger().Result.Batches}");
        var view = await ledger.GetLedger();
        Assert.Equal(streamLines.Count, view.Accepted + view.Duplicates + view.RejectedLines);

        var expected = ClusterLinks.Expected(events);
        ClusterLinks.AssertSame(expected, await ClusterLinks.ReadAsync(LinkageHttpFront.Of(fixture.Cluster), sources));
        output.WriteLine($"{batches.Count} HTTP batches and {published.Batches} stream batches while silo 3 of 3 stopped: {retried} HTTP retries; {expected.Count} current records present once each");
    }
}
