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

/// <summary>A body far larger than any buffer is read as a stream: every garbage line named, exactly the lines sent, little allocated.</summary>
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

        // Every line sent is accounted for, counted here from the same bytes: each line with anything on it is taken
        // or named by its number (a blank line, as the first one is, is numbered but gives no result).
        var sent = LinesOf(new GarbageStream(size, seed: 50));
        var taken = answer.GetProperty("accepted").GetInt32() + answer.GetProperty("duplicates").GetInt32() + answer.GetProperty("optedOut").GetInt32();
        Assert.True(sent.NonBlank.Count > 20_000, $"expected a garbage body of many lines, counted {sent.NonBlank.Count} not blank of {sent.Numbered}");
        Assert.Equal(sent.NonBlank.Count, taken + rejected);
        Assert.Equal(sent.NonBlank, answer.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()).ToList());
        var after = await front.IngestAsync([.. valid.Skip(2)]);
        Assert.Equal((2, 2), (before.Accepted, after.Accepted));
        await IngestFuzzTests.AssertIntactAsync(front, valid);

        output.WriteLine($"50 MB garbage body: {rejected} lines named; {allocated / 1048576.0:0.0} MB allocated in the whole process while it was read and answered; managed heap {heapBefore / 1048576.0:0.0} MB before, at most {peak / 1048576.0:0.0} MB (garbage included) during; answer {text.Length / 1048576.0:0.0} MB");

        // Coarse: a body held whole costs at least its own 50 MB; read as a stream, the answer and the reasons are most of it.
        Assert.True(allocated < size, $"expected less allocated than the body's {size / 1048576} MB, saw {allocated / 1048576.0:0.0} MB");
    }

    /// <summary>How many lines a body numbers (ended by <c>\n</c>, a last one without it) and the numbers of those that are not empty (garbage has no spaces).</summary>
    private static (int Numbered, List<int> NonBlank) LinesOf(Stream body)
    {
        var (numbered, nonBlank, lineHasBytes) = (0, new List<int>(), false);
        var buffer = new byte[64 * 1024];
        for (int read; (read = body.Read(buffer, 0, buffer.Length)) > 0;)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b != (byte)'\n')
                {
                    lineHasBytes = true;
                    continue;
                }

                numbered++;
                if (lineHasBytes) nonBlank.Add(numbered);
                lineHasBytes = false;
            }
        }

        if (lineHasBytes) nonBlank.Add(++numbered);
        return (numbered, nonBlank);
    }

}
