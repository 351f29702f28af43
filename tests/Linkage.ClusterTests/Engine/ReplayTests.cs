using System.Net;
using System.Text;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Log;
using Linkage.Population;
using Linkage.Recovery;
using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Engine;

/// <summary>Clusters whose checkpoints move only when a test says so, each test on a storage prefix of its own.</summary>
public sealed class ReplayFixture : LinkageClusterFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Linkage:Engine:CheckpointInterval"] = "01:00:00",
    };
}

/// <summary>
/// Recovery replays the logs past their checkpoints through the normal apply path: replaying twice changes nothing,
/// replay over snapshots older than the log brings back what the snapshots lacked, and a checkpoint or a kill in the
/// middle of a merge leaves every record in exactly one person.
/// </summary>
public sealed class ReplayTests(ReplayFixture fixture) : IClassFixture<ReplayFixture>
{
    [Fact]
    public async Task A_log_replayed_twice_changes_nothing()
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        await using var cluster = await fixture.StartClusterAsync(1, prefix);
        var front = LinkageHttpFront.Of(cluster);
        var (events, sources) = await IngestPopulationAsync(front, "twice");
        var before = await ClusterLinks.ReadAsync(front, sources);
        ClusterLinks.AssertSame(ClusterLinks.Expected(events), before);

        var services = Silo(cluster).SiloHost.Services;
        var log = services.GetRequiredService<IngestLog>();
        var whole = new IngestLogInfo(log.LogId, log.Silo, Checkpoint: 0);
        var first = await services.GetRequiredService<LogReplayer>().ReplayAsync([whole], CancellationToken.None);
        var second = await services.GetRequiredService<LogReplayer>().ReplayAsync([whole], CancellationToken.None);

        Assert.True(first.Entries > 0 && first == second, $"expected the same non-empty replay twice, saw {first} and {second}");
        Assert.Equal(before, await ClusterLinks.ReadAsync(front, sources));
    }

    [Fact]
    public async Task Replay_over_snapshots_older_than_the_log_brings_back_what_they_lack()
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var cluster = await fixture.StartClusterAsync(1, prefix);
        var front = LinkageHttpFront.Of(cluster);
        var source = NewSource();
        var (mid, name) = (NewMid(), NewId2());
        var held = new[] { Lab(source, "a1", mid: mid, value: 1), Lab(source, "a2", id2: name) };
        await front.IngestAsync(held);
        Assert.True(await Silo(cluster).SiloHost.Services.GetRequiredService<Checkpointer>().RunAsync(CancellationToken.None), "the checkpoint was not recorded");

        // Not in any snapshot: a correction, a retraction, a join and a new person, in three batches.
        var later = new[]
        {
            new[] { Lab(source, "a1", version: 2, mid: mid, value: 2) },
            new[] { Lab(source, "a2", version: 2, id2: name, retracted: true), Lab(source, "a3", mid: mid, id2: name) },
            new[] { Lab(source, "b1", mid: NewMid()) },
        };
        foreach (var batch in later) await front.IngestAsync(batch);
        await cluster.CrashSiloAsync(cluster.Primary!);
        await cluster.DisposeAsync();

        await using var restarted = await fixture.StartClusterAsync(1, prefix);
        var report = await restarted.GrainFactory.GetGrain<IRecoveryCoordinatorGrain>(0).EnsureRecovered(0);
        Assert.True(report.EntriesReplayed == later.Length, $"expected the {later.Length} entries past the checkpoint replayed, saw {report}");
        var again = LinkageHttpFront.Of(restarted);
        ClusterLinks.AssertSame(ClusterLinks.Expected([.. held, .. later.SelectMany(b => b)]), await ClusterLinks.ReadAsync(again, new HashSet<string> { source }));
        Assert.Equal(2, (await again.PersonAsync(mid)).Records.Single(r => r.RecordId == "a1").Version);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_merge_cut_short_leaves_every_record_in_one_person_after_a_kill(bool checkpointBeforeTheKill)
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var cluster = await fixture.StartClusterAsync(1, prefix);
        var front = LinkageHttpFront.Of(cluster);
        var source = NewSource();
        var (mid, name) = (NewMid(), NewId2());
        var a = Lab(source, FaultInjectionFilter.InterruptMergePrefix + "a", mid: mid);
        var b = Lab(source, FaultInjectionFilter.InterruptMergePrefix + "b", id2: name);
        await front.IngestAsync(a);
        await front.IngestAsync(b);
        var bridge = Lab(source, "bridge", mid: mid, id2: name);
        Assert.Equal(HttpStatusCode.InternalServerError, await front.PostAsync(bridge));

        if (checkpointBeforeTheKill)
        {
            // Its flush finishes the merge the fault cut short, before the checkpoint moves past the failed batch.
            Assert.True(await Silo(cluster).SiloHost.Services.GetRequiredService<Checkpointer>().RunAsync(CancellationToken.None), "the checkpoint was not recorded");
        }

        await cluster.CrashSiloAsync(cluster.Primary!);
        await cluster.DisposeAsync();
        await using var restarted = await fixture.StartClusterAsync(1, prefix);
        var again = LinkageHttpFront.Of(restarted);

        // Every record once (ReadAsync asserts it); the failed batch itself is in or out as replay found it.
        var links = await ClusterLinks.ReadAsync(again, new HashSet<string> { source });
        Assert.Equal(checkpointBeforeTheKill ? 2 : 3, links.Count);
        await again.IngestAsync(bridge);
        ClusterLinks.AssertSame(ClusterLinks.Expected([a, b, bridge]), await ClusterLinks.ReadAsync(again, new HashSet<string> { source }));
    }

    [Fact]
    public async Task A_merged_component_flushed_before_the_index_holds_no_one_in_the_index_after_a_kill()
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var cluster = await fixture.StartClusterAsync(1, prefix);
        var front = LinkageHttpFront.Of(cluster);
        var source = NewSource();
        var (mid, name) = (NewMid(), NewId2());
        var (a, b, bridge) = (Lab(source, "a", mid: mid), Lab(source, "b", id2: name), Lab(source, "bridge", mid: mid, id2: name));
        await front.IngestAsync(a);
        await front.IngestAsync(b);
        Assert.True(await Silo(cluster).SiloHost.Services.GetRequiredService<Checkpointer>().RunAsync(CancellationToken.None), "the checkpoint was not recorded");
        var (ofMid, ofName) = (await ComponentOfAsync(cluster, mid), await ComponentOfAsync(cluster, name));
        await front.IngestAsync(bridge);

        // A checkpoint cut short after its component flushes: the merged one's forward is written, the index journal is not.
        var merged = await cluster.GrainFactory.GetGrain<IComponentGrain>(ofMid.Value).GetForward() is null ? ofName : ofMid;
        Assert.NotNull(await cluster.GrainFactory.GetGrain<IComponentGrain>(merged.Value).GetForward());
        await cluster.GrainFactory.GetGrain<IComponentGrain>(ofMid.Value).Flush();
        await cluster.GrainFactory.GetGrain<IComponentGrain>(ofName.Value).Flush();
        await cluster.CrashSiloAsync(cluster.Primary!);
        await cluster.DisposeAsync();

        await using var restarted = await fixture.StartClusterAsync(1, prefix);
        var index = restarted.GrainFactory.GetGrain<IPeopleIndexGrain>(IndexPartitions.PartitionOf(merged, 8));
        Assert.DoesNotContain(merged, await index.GetComponents());
        ClusterLinks.AssertSame(ClusterLinks.Expected([a, b, bridge]), await ClusterLinks.ReadAsync(LinkageHttpFront.Of(restarted), new HashSet<string> { source }));
    }

    [Fact]
    public async Task Concurrent_appends_are_logged_in_sequence_order()
    {
        // A segment is deleted once the checkpoint passes its last entry, which must be its highest.
        await using var cluster = await fixture.StartClusterAsync(1, LinkageClusterFixture.NewPrefix());
        var services = Silo(cluster).SiloHost.Services;
        var log = services.GetRequiredService<IngestLog>();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++) log.Finish(await log.AppendAsync([], [], []));
        })));

        var entries = await services.GetRequiredService<IngestLogReader>().ReadAsync(new IngestLogInfo(log.LogId, log.Silo, Checkpoint: 0), CancellationToken.None);
        var sequences = entries.Select(e => e.Sequence).ToList();
        Assert.True(sequences.Count >= 32 * 40 && sequences.SequenceEqual(sequences.Order()), $"log order: {string.Join(" ", sequences.Where((s, i) => i > 0 && s < sequences[i - 1]).Take(10))} came after higher ones");
    }

    /// <summary>The component the key directory gives <paramref name="token"/>.</summary>
    private static async Task<ComponentId> ComponentOfAsync(TestCluster cluster, string token)
    {
        var key = RoutingKey.HashOfToken(token);
        var found = await cluster.GrainFactory.GetGrain<IKeyDirectoryGrain>(KeyDirectory.PartitionOf(key, 8)).Find([key]);
        return found[0] ?? throw new InvalidOperationException($"no component holds {token}");
    }

    private static InProcessSiloHandle Silo(TestCluster cluster) => (InProcessSiloHandle)cluster.Primary!;

    private static async Task<(List<FeedEvent> Events, HashSet<string> Sources)> IngestPopulationAsync(LinkageHttpFront front, string run)
    {
        var population = PopulationGenerator.Generate(new PopulationOptions { People = 60, Seed = 3, Secret = run + Guid.NewGuid().ToString("N"), NamesakeRate = 0.05 });
        var tag = run + Guid.NewGuid().ToString("N")[..6];
        var lines = population.Lines.Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{tag}-", StringComparison.Ordinal)).ToList();
        var events = lines.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();
        using var client = front.Client(LinkageHttpFront.OperatorKey);
        foreach (var batch in lines.Chunk(100))
        {
            using var response = await client.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', batch), Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return (events, events.Select(e => e.Source).ToHashSet());
    }
}
