using System.Net;
using System.Text;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Ingest;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Persistence;

/// <summary>
/// A merge interrupted (through a fault filter) after the survivor wrote the absorbed records, before the merged
/// component let go of them: the batch is refused, nothing is lost, and sending it again finishes the merge.
/// </summary>
[Collection(OneSiloCollection.Name)]
public sealed class InterruptedMergeTests(LinkageClusterFixture fixture)
{
    [Fact]
    public async Task A_merge_interrupted_after_the_absorb_is_finished_by_sending_the_batch_again()
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var source = NewSource();
        var (mid, name) = (NewMid(), NewId2());
        var sent = new List<FeedEvent>
        {
            Lab(source, FaultInjectionFilter.InterruptMergePrefix + "a", mid: mid),
            Lab(source, FaultInjectionFilter.InterruptMergePrefix + "b", id2: name),
        };
        await front.IngestAsync(sent[0]);
        await front.IngestAsync(sent[1]);
        var bridge = Lab(source, "bridge", mid: mid, id2: name);

        using (var client = front.Client(LinkageHttpFront.OperatorKey))
        using (var interrupted = await client.PostAsync("/api/v1/ingest", new StringContent(FeedEventJson.ToJson(bridge), Encoding.UTF8, "application/x-ndjson")))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, interrupted.StatusCode);
        }

        Assert.Equal(new Ingest.IngestTally(1, 0), await front.IngestAsync(bridge));
        sent.Add(bridge);
        ClusterLinks.AssertSame(ClusterLinks.Expected(sent), await ClusterLinks.ReadAsync(front, new HashSet<string> { source }));
        Assert.Equal(3, (await front.PersonAsync(mid)).Records.Length);
    }
}
