using Linkage.ClusterTests.Infrastructure;
using Linkage.Linking;
using Linkage.People;
using Linkage.Recovery;
using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Engine;

/// <summary>
/// A merge is held durably by the log until both snapshots are written, survivor first: the batch that merges is
/// acknowledged without a snapshot write, a merged component's forward is stored only once its survivor's snapshot holds
/// what it handed over (handed over again if the survivor lost it), and a kill before either write loses nothing. A
/// checkpoint cut short as the silo stops gives its components back, so the final one writes those forwards while their
/// survivors can still be reached.
/// </summary>
public sealed class DurableMergeTests(ReplayFixture fixture) : IClassFixture<ReplayFixture>
{
    [Fact]
    public async Task A_merge_is_acknowledged_without_a_snapshot_write_and_its_forward_is_stored_only_after_the_survivor_holds_the_records()
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var (source, mid, name) = (NewSource(), NewMid(), NewId2());
        var (a, b, bridge) = (Lab(source, "a", mid: mid), Lab(source, "b", id2: name), Lab(source, "bridge", mid: mid, id2: name));
        await front.IngestAsync(a);
        await front.IngestAsync(b);
        var (survivor, merged) = await SurvivorAndMergedAsync(fixture.Cluster, mid, name);

        var held = HeldSnapshotStore.Hold(KeyOf(survivor));
        try
        {
            // Had the merge written the survivor's snapshot before answering, the write would be reached first and held.
            var ingest = front.IngestAsync(bridge);
            Assert.Same(ingest, await Task.WhenAny(ingest, held.Reached.Task));
            Assert.Equal(1, (await ingest).Accepted);
            Assert.Equal(survivor, await Component(merged).GetForward());

            // The merged component's flush has the survivor write first, and stores nothing of its own until that is done.
            var flush = Component(merged).Flush();
            await held.Reached.Task;
            Assert.False(flush.IsCompleted, "the merged component's flush finished while its survivor's snapshot write was held");
            var early = await StoredAsync(merged);
            Assert.True(!early.RecordExists || early.State!.ForwardTo is null, $"the forward of {merged} was stored before its survivor {survivor} held the records");

            held.Released.TrySetResult();
            await flush;
        }
        finally
        {
            held.Released.TrySetResult();
        }

        Assert.Equal(["a", "b", "bridge"], (await StoredAsync(survivor)).State!.Records.Select(r => r.RecordId).Order());
        var forwarder = (await StoredAsync(merged)).State!;
        Assert.Equal(survivor, forwarder.ForwardTo);
        Assert.Empty(forwarder.Records);
    }

    [Fact]
    public async Task A_survivor_that_lost_what_it_took_before_writing_it_is_handed_it_again_before_the_forward_is_stored()
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var (source, mid, name) = (NewSource(), NewMid(), NewId2());
        await front.IngestAsync(Lab(source, "a", mid: mid));
        await front.IngestAsync(Lab(source, "b", id2: name));
        var (survivor, merged) = await SurvivorAndMergedAsync(fixture.Cluster, mid, name);
        var handedOver = merged == await ComponentOfAsync(fixture.Cluster, mid) ? "a" : "b";
        await front.IngestAsync(Lab(source, "bridge", mid: mid, id2: name));

        // The survivor leaves memory and its write fails, as when its silo dies: what it took is gone with it.
        var held = HeldSnapshotStore.Hold(KeyOf(survivor));
        await Component(survivor).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await held.Reached.Task;
        held.Released.TrySetException(new IOException("injected: the survivor's silo died before its snapshot was written"));

        await Component(merged).Flush();

        Assert.Contains(handedOver, (await StoredAsync(survivor)).State!.Records.Select(r => r.RecordId));
        Assert.Equal(survivor, (await StoredAsync(merged)).State!.ForwardTo);
    }

    [Fact]
    public async Task A_hand_over_repeated_after_the_person_opted_out_brings_none_of_their_records_back()
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var (source, mid, name) = (NewSource(), NewMid(), NewId2());
        await front.IngestAsync(Lab(source, "a", mid: mid));
        await front.IngestAsync(Lab(source, "b", id2: name));
        var (survivor, merged) = await SurvivorAndMergedAsync(fixture.Cluster, mid, name);
        await front.IngestAsync(Lab(source, "bridge", mid: mid, id2: name));

        // The person opts out at the survivor before the merged component has written its forward.
        Assert.Equal(3, (await Component(survivor).Purge(mid)).Records.Length);
        await Component(merged).Flush();

        Assert.Empty((await StoredAsync(survivor)).State!.Records);
        Assert.Equal(survivor, (await StoredAsync(merged)).State!.ForwardTo);
    }

    [Fact]
    public async Task A_kill_after_a_merge_before_either_snapshot_is_written_leaves_every_record_in_one_person()
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var cluster = await fixture.StartClusterAsync(1, prefix);
        var front = LinkageHttpFront.Of(cluster);
        var (source, mid, name) = (NewSource(), NewMid(), NewId2());
        var (a, b, bridge) = (Lab(source, "a", mid: mid), Lab(source, "b", id2: name), Lab(source, "bridge", mid: mid, id2: name));
        await front.IngestAsync(a);
        await front.IngestAsync(b);
        Assert.True(await Silo(cluster).SiloHost.Services.GetRequiredService<Checkpointer>().RunAsync(CancellationToken.None), "the checkpoint was not recorded");

        // Merged in memory only: the merged component's stored snapshot still holds its record, and no forward.
        Assert.Equal(1, (await front.IngestAsync(bridge)).Accepted);
        await cluster.CrashSiloAsync(cluster.Primary!);
        await cluster.DisposeAsync();

        await using var restarted = await fixture.StartClusterAsync(1, prefix);
        var again = LinkageHttpFront.Of(restarted);
        ClusterLinks.AssertSame(ClusterLinks.Expected([a, b, bridge]), await ClusterLinks.ReadAsync(again, new HashSet<string> { source }));
        Assert.Equal(3, (await again.PersonAsync(mid)).Records.Length);
    }

    [Fact]
    public async Task A_checkpoint_cut_short_as_the_silo_stops_gives_its_components_back_to_the_final_one()
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        await using var cluster = await fixture.StartClusterAsync(1, prefix);
        var front = LinkageHttpFront.Of(cluster);
        var mid = NewMid();
        await front.IngestAsync(Lab(NewSource(), "a", mid: mid));
        var checkpointer = Silo(cluster).SiloHost.Services.GetRequiredService<Checkpointer>();
        Assert.Equal(1, checkpointer.Backlog);

        var component = await ComponentOfAsync(cluster, mid);
        var held = HeldSnapshotStore.Hold(KeyOf(component));
        using var stopping = new CancellationTokenSource();
        var checkpoint = checkpointer.RunAsync(stopping.Token);
        await held.Reached.Task;
        await stopping.CancelAsync();
        held.Released.TrySetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => checkpoint);
        Assert.Equal(1, checkpointer.Backlog);
    }

    private IComponentGrain Component(ComponentId id) => fixture.Grains.GetGrain<IComponentGrain>(id.Value);

    private static async Task<(ComponentId Survivor, ComponentId Merged)> SurvivorAndMergedAsync(TestCluster cluster, string mid, string name)
    {
        var (ofMid, ofName) = (await ComponentOfAsync(cluster, mid), await ComponentOfAsync(cluster, name));
        Assert.NotEqual(ofMid, ofName);
        return ofMid < ofName ? (ofMid, ofName) : (ofName, ofMid);
    }

    private static async Task<ComponentId> ComponentOfAsync(TestCluster cluster, string token) =>
        await Silo(cluster).SiloHost.Services.GetRequiredService<PeopleDirectory>().ComponentOfTokenAsync(token)
        ?? throw new InvalidOperationException($"no component holds {token}");

    /// <summary>A component's snapshot key: a grain id is its type and key, the same in any of the fixture's clusters.</summary>
    private string KeyOf(ComponentId component) => SnapshotGrainStorage.KeyOf(ComponentSnapshot.StateName, Component(component).GetGrainId());

    private async Task<GrainState<ComponentState>> StoredAsync(ComponentId component)
    {
        var stored = new GrainState<ComponentState>(new ComponentState());
        var storage = Silo(fixture.Cluster).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(LinkageStorage.Snapshots);
        await storage.ReadStateAsync(ComponentSnapshot.StateName, Component(component).GetGrainId(), stored);
        return stored;
    }

    private static InProcessSiloHandle Silo(TestCluster cluster) => (InProcessSiloHandle)cluster.Primary!;
}
