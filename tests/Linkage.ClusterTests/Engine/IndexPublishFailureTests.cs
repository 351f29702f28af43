using System.Net;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Linking;
using Linkage.People;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.TestingHost;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Engine;

/// <summary>
/// A component grain whose index update failed keeps the index's debt across its own deactivation: the batch sent again
/// finds only duplicates in the new activation, which must publish all the same, or <c>links</c> and cohort counts
/// would never see records that <c>people/by-token</c> shows (as when a silo stops and its index partitions move).
/// </summary>
[Collection(OneSiloCollection.Name)]
public sealed class IndexPublishFailureTests(LinkageClusterFixture fixture)
{
    [Fact]
    public async Task A_record_whose_index_update_failed_reaches_the_index_when_resent_to_a_new_activation()
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var source = NewSource();
        var mid = NewMid();
        var record = Lab(source, "unindexed-1", mid: mid);
        FaultInjectionFilter.FailIndexUpdateOnce(PersonId.ForAnchor(mid).Value);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await front.PostAsync(record));

        // The component holds the record (the log does too) but its partition never took it; it leaves memory now.
        var services = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        var component = await services.GetRequiredService<PeopleDirectory>().ComponentOfTokenAsync(mid);
        Assert.True(component is not null, $"no component holds {mid} after the failed ingest");
        await fixture.Grains.GetGrain<IComponentGrain>(component.Value.Value).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        var resent = await front.IngestAsync(record);
        Assert.Equal((0, 1), (resent.Accepted, resent.Duplicates));
        var links = await ClusterLinks.ReadAsync(front, new HashSet<string> { source });
        Assert.True(
            links.TryGetValue(record.Key, out var person) && person == PersonId.ForAnchor(mid).Value,
            $"component {component}: expected links to list {record.Key} in {PersonId.ForAnchor(mid).Value}, saw [{string.Join(", ", links.Select(l => $"{l.Key} {l.Value}"))}]");
    }
}
