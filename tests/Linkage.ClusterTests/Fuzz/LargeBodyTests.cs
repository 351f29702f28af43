using System.Net;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Xunit.Abstractions;

namespace Linkage.ClusterTests.Fuzz;

/// <summary>
/// Tests that count what the whole process allocates: they run alone, after every other collection, on a cluster of
/// their own, so that no other test's allocations are counted with theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessAllocationCollection : ICollectionFixture<LinkageClusterFixture>
{
    public const string Name = "process allocation";
}

/// <summary>A body far larger than any buffer is read as a stream: every garbage line named, little allocated.</summary>
[Collection(ProcessAllocationCollection.Name)]
public sealed class LargeBodyTests(LinkageClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_50_MB_garbage_body_is_read_as_a_stream_and_named_line_by_line()
    {
        const long size = 50L * 1024 * 1024;
        var front = LinkageHttpFront.Of(fixture.Cluster);
        using var client = front.Client(LinkageHttpFront.OperatorKey);
        var valid = IngestFuzzTests.ValidRecords();
        var before = await front.IngestAsync([.. valid.Take(2)]);

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            // A measurement, not a wait: the heap is sampled while the request runs.
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            try
            {
                while (await timer.WaitForNextTickAsync(sampling.Token)) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            }
            catch (OperationCanceledException)
            {
            }
        });
        var content = new StreamContent(new GarbageStream(size, seed: 50), 64 * 1024);
        content.Headers.ContentType = new("application/x-ndjson");
        content.Headers.ContentLength = size;
        using var response = await client.PostAsync("/api/v1/ingest", content);
        var text = await response.Content.ReadAsStringAsync();
        await sampling.CancelAsync();
        await sampler;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ingest answered {(int)response.StatusCode}: {IngestFuzzTests.Brief(text)}");
        var answer = JsonDocument.Parse(text).RootElement;
        var rejected = answer.GetProperty("rejected").GetArrayLength();
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.True(rejected > 20_000, $"expected every garbage line named, saw {rejected}");
        var after = await front.IngestAsync([.. valid.Skip(2)]);
        Assert.Equal((2, 2), (before.Accepted, after.Accepted));
        await IngestFuzzTests.AssertIntactAsync(front, valid);

        output.WriteLine($"50 MB garbage body: {rejected} lines named; {allocated / 1048576.0:0.0} MB allocated in the whole process while it was read and answered; managed heap {heapBefore / 1048576.0:0.0} MB before, at most {peak / 1048576.0:0.0} MB (garbage included) during; answer {text.Length / 1048576.0:0.0} MB");

        // Coarse: a body held whole costs at least its own 50 MB; read as a stream, the answer and the reasons are most of it.
        Assert.True(allocated < size, $"expected less allocated than the body's {size / 1048576} MB, saw {allocated / 1048576.0:0.0} MB");
    }

}
