using Linkage.ClusterTests.Infrastructure;
using Linkage.Hosting;
using Linkage.Linking;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Persistence;

/// <summary>A merge that a crash interrupted after it was decided is finished when the merged component wakes.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class InterruptedMergeTests(LinkageClusterFixture fixture)
{
    [Fact]
    public async Task Records_of_a_component_that_crashed_mid_merge_reach_the_survivor()
    {
        var source = NewSource();
        var mid = NewMid();
        var run = Guid.NewGuid().ToString("N");
        var (survivor, merged) = ($"c-0-{run}", $"c-1-{run}");

        // What a crash between "forward decided" and "records handed over" leaves in storage.
        var silo = (InProcessSiloHandle)fixture.Cluster.Primary!;
        var storage = silo.SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(LinkageStorage.Components);
        var state = new ComponentState { ForwardTo = survivor, Records = [Lab(source, "r1", 1, mid)], Listed = false };
        await storage.WriteStateAsync("component", GrainId.Create("component", merged), new GrainState<ComponentState>(state));
        await fixture.Grains.GetGrain<ILinkageKeyGrain>(mid).GetOrAssignComponent(merged);

        var root = await ComponentRoots.OfKeyAsync(fixture.Grains, mid);

        Assert.Equal(survivor, root);
        var person = Assert.Single(await fixture.Grains.GetGrain<IComponentGrain>(survivor).GetPeopleByToken(mid));
        Assert.Equal(["r1"], person.Records.Select(r => r.RecordId));
        Assert.Empty(await fixture.Grains.GetGrain<IComponentGrain>(merged).GetLinks());
    }
}
