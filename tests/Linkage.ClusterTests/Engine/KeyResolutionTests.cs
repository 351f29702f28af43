using System.Collections.Immutable;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Linking;
using Linkage.Partitions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Engine;

/// <summary>
/// A batch's keys are resolved in two phases: a group with any key the directory knows joins that key's component, and
/// only a group with none gets a new one, so a person's records with different tokens do not make components that are
/// merged away.
/// </summary>
[Collection(OneSiloCollection.Name)]
public sealed class KeyResolutionTests(LinkageClusterFixture fixture)
{
    private readonly LinkageHttpFront _front = LinkageHttpFront.Of(fixture.Cluster);

    [Fact]
    public async Task A_record_that_brings_a_new_token_joins_the_component_of_the_token_already_known()
    {
        var (source, mid, id1) = (NewSource(), NewMid(), NewId1());
        await _front.IngestAsync(Lab(source, "first", mid: mid));

        // Its smallest token is the id1 (ordinally "id1." before "mid."), whose component would be another id.
        Assert.True(string.CompareOrdinal(id1, mid) < 0);
        await _front.IngestAsync(Lab(source, "second", mid: mid, id1: id1));

        var first = ComponentId.For(RoutingKey.ForToken(mid));
        Assert.Equal(
            [first, first, first, first],
            await FindAsync(RoutingKey.ForToken(mid), RoutingKey.ForToken(id1), RoutingKey.ForRecord(new(source, "first")), RoutingKey.ForRecord(new(source, "second"))));
        Assert.Null(await fixture.Cluster.Client.GetGrain<IComponentGrain>(first.Value).GetForward());
        Assert.Null(await fixture.Cluster.Client.GetGrain<IComponentGrain>(ComponentId.For(RoutingKey.ForToken(id1)).Value).GetForward());
    }

    [Fact]
    public async Task Records_of_two_people_that_a_later_record_bridges_are_merged_into_the_smaller_component()
    {
        var (source, mid, id1) = (NewSource(), NewMid(), NewId1());
        await _front.IngestAsync(Lab(source, "by-mid", mid: mid));
        await _front.IngestAsync(Lab(source, "by-id1", id1: id1));
        var (ofMid, ofId1) = (ComponentId.For(RoutingKey.ForToken(mid)), ComponentId.For(RoutingKey.ForToken(id1)));
        Assert.Equal([ofMid, ofId1], await FindAsync(RoutingKey.ForToken(mid), RoutingKey.ForToken(id1)));

        await _front.IngestAsync(Lab(source, "bridge", mid: mid, id1: id1));

        var (survivor, merged) = ofMid < ofId1 ? (ofMid, ofId1) : (ofId1, ofMid);
        Assert.Equal(survivor, await fixture.Cluster.Client.GetGrain<IComponentGrain>(merged.Value).GetForward());
        Assert.Equal(["bridge", "by-id1", "by-mid"], (await _front.PersonAsync(mid)).Records.Select(r => r.RecordId).Order());
    }

    private async Task<ComponentId?[]> FindAsync(params RoutingKey[] keys)
    {
        var directory = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<PartitionGrains<IKeyDirectoryGrain>>();
        var found = new ComponentId?[keys.Length];
        for (var i = 0; i < keys.Length; i++) found[i] = (await directory.ForKey(keys[i].Hash).Find([keys[i].Hash]))[0];
        return found;
    }
}
