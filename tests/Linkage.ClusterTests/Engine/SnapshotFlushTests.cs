using Linkage.ClusterTests.Infrastructure;
using Linkage.Linking;
using Linkage.People;
using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Engine;

/// <summary>A checkpoint's snapshot write holds no ingest up, and loses nothing applied while it was under way.</summary>
public sealed class SnapshotFlushTests(ReplayFixture fixture) : IClassFixture<ReplayFixture>
{
    [Fact]
    public async Task A_batch_goes_in_while_its_components_snapshot_is_written_and_the_next_flush_writes_it()
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var (source, mid) = (NewSource(), NewMid());
        var (a, b) = (Lab(source, "a", mid: mid), Lab(source, "b", mid: mid, date: "2024-05-01"));
        await front.IngestAsync(a);
        var key = RoutingKey.HashOfToken(mid);
        var component = (await fixture.Grains.GetGrain<IKeyDirectoryGrain>(KeyDirectory.PartitionOf(key, 8)).Find([key]))[0]!.Value;
        var grain = fixture.Grains.GetGrain<IComponentGrain>(component.Value);
        var held = HeldSnapshotStore.Hold(SnapshotGrainStorage.KeyOf(ComponentSnapshot.StateName, grain.GetGrainId()));
        var flush = grain.Flush();
        await held.Reached.Task;

        // The snapshot holding a alone is being written. Had b to wait for it, it would wait until its call timed out.
        var ingest = front.IngestAsync(b);
        Assert.Same(ingest, await Task.WhenAny(ingest, flush));
        Assert.Equal(1, (await ingest).Accepted);
        held.Released.TrySetResult();
        await flush;

        // b came after the state was serialised, so the component is still dirty and the next flush writes it.
        await grain.Flush();
        var stored = new GrainState<ComponentState>(new ComponentState());
        var storage = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(LinkageStorage.Snapshots);
        await storage.ReadStateAsync(ComponentSnapshot.StateName, grain.GetGrainId(), stored);
        Assert.Equal(["a", "b"], stored.State!.Records.Select(r => r.RecordId).Order());
    }
}
