using Linkage.ClusterTests.Infrastructure;
using Linkage.Linking;
using Linkage.Partitions;
using Linkage.People;
using Linkage.Recovery;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Persistence;

/// <summary>
/// A merged component's forward is forgotten once the key directory names its survivor for its keys in the journal on
/// Azurite: after a full restart the keys still lead to the survivor directly, with every record there.
/// </summary>
public sealed class ForwardPruningRestartTests(ForwardPruningRestartTests.Fixture fixture) : IClassFixture<ForwardPruningRestartTests.Fixture>
{
    /// <summary>A cluster that repoints at every checkpoint that follows a merge, and checkpoints only when the test says.</summary>
    public sealed class Fixture : LinkageClusterFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Linkage:Engine:ForwardsPerRepoint"] = "1",
            ["Linkage:Engine:CheckpointInterval"] = "01:00:00",
        };
    }

    [Fact]
    public async Task A_forward_is_pruned_once_the_directory_names_the_survivor_durably_and_the_keys_lead_there_after_a_restart()
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var (source, mid, id1) = (NewSource(), NewMid(), NewId1());
        await front.IngestAsync(Lab(source, "by-mid", mid: mid));
        await front.IngestAsync(Lab(source, "by-id1", id1: id1));
        await front.IngestAsync(Lab(source, "bridge", mid: mid, id1: id1));
        var (ofMid, ofId1) = (ComponentId.For(RoutingKey.ForToken(mid)), ComponentId.For(RoutingKey.ForToken(id1)));
        var (survivor, merged) = ofMid < ofId1 ? (ofMid, ofId1) : (ofId1, ofMid);
        var keys = new[] { RoutingKey.ForToken(mid), RoutingKey.ForToken(id1), RoutingKey.ForRecord(new(source, "by-mid")), RoutingKey.ForRecord(new(source, "by-id1")) };

        var services = Services(fixture.Cluster);
        var forwards = services.GetRequiredService<ComponentForwards>();
        Assert.Equal(survivor, forwards.Resolve(merged));
        Assert.True(await services.GetRequiredService<Checkpointer>().RunAsync(CancellationToken.None), "the checkpoint after the merge was not taken");

        Assert.Equal(merged, forwards.Resolve(merged));
        Assert.Equal(0, forwards.Unrepointed);
        Assert.Equal([survivor, survivor, survivor, survivor], await FindAsync(fixture.Cluster, keys));

        await fixture.Cluster.StopAllSilosAsync();
        await using var restarted = await fixture.StartClusterAsync(1);

        Assert.Equal([survivor, survivor, survivor, survivor], await FindAsync(restarted, keys));
        Assert.Equal(["bridge", "by-id1", "by-mid"], (await LinkageHttpFront.Of(restarted).PersonAsync(id1)).Records.Select(r => r.RecordId).Order());

        // The merged component still holds its forward, for a log entry or a late batch that names it.
        Assert.Equal(survivor, await restarted.Client.GetGrain<IComponentGrain>(merged.Value).GetForward());
    }

    private static IServiceProvider Services(TestCluster cluster) => ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services;

    private static async Task<ComponentId?[]> FindAsync(TestCluster cluster, RoutingKey[] keys)
    {
        var directory = Services(cluster).GetRequiredService<PartitionGrains<IKeyDirectoryGrain>>();
        var found = new ComponentId?[keys.Length];
        for (var i = 0; i < keys.Length; i++) found[i] = (await directory.ForKey(keys[i].Hash).Find([keys[i].Hash]))[0];
        return found;
    }
}
