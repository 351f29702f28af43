using System.Net;
using System.Text.Json;
using System.Text;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Streams;
using Linkage.Feeds;
using Linkage.Ingest;
using Xunit.Abstractions;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Fuzz;

/// <summary>
/// Bad bodies of every kind through both ways in, <c>POST /api/v1/ingest</c> and the feed stream: every non-blank line
/// is accepted or named with a reason (the same lines, for the same reasons, both ways), nothing crashes, and the
/// valid records around the damage are stored intact.
/// </summary>
[Collection(OneSiloCollection.Name)]
public sealed class IngestFuzzTests(LinkageClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static TheoryData<string> Kinds => [.. FuzzBodies.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_line_of_a_bad_body_is_accepted_or_named_over_http_and_the_stream_alike(string kind)
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var seed = Array.IndexOf(FuzzBodies.Kinds, kind) + 1;

        // HTTP.
        var httpValid = ValidRecords();
        var httpBody = FuzzBodies.Make(kind, seed, httpValid);
        using var client = front.Client(LinkageHttpFront.OperatorKey);
        using var response = await client.PostAsync("/api/v1/ingest", new ByteArrayContent(httpBody.Bytes) { Headers = { ContentType = new("application/x-ndjson") } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind}: ingest answered {(int)response.StatusCode}: {Brief(text)}");
        var answer = JsonDocument.Parse(text).RootElement;
        var httpRejected = answer.GetProperty("rejected").EnumerateArray()
            .Select(r => new FeedRejection { Line = r.GetProperty("line").GetInt32(), Reason = r.GetProperty("reason").GetString()! }).ToList();
        var lines = httpBody.NonBlankLines();
        AssertAccounted(kind, "http", lines, answer.GetProperty("accepted").GetInt32() + answer.GetProperty("duplicates").GetInt32(), httpRejected, httpBody.ValidRecords);
        await AssertIntactAsync(front, httpValid);

        // The feed stream: the same damage between other valid records.
        var streamValid = ValidRecords();
        var streamBody = FuzzBodies.Make(kind, seed, streamValid);
        var source = NewSource();
        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { StreamsPerSource = 4 });
        var published = await publisher.PublishAsync(source, "fuzz.ndjson", new MemoryStream(streamBody.Bytes));
        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(source);
        await Eventually.Async(async () => (await ledger.GetLedger()).Batches == published.Batches, Deadline,
            () => $"{kind}: ledger {source}: expected {published.Batches} batches, saw {ledger.GetLedger().Result.Batches}");
        var view = await ledger.GetLedger();
        Assert.DoesNotContain(view.Rejected, r => r.Line == 0);
        Assert.Equal(httpRejected.Count, view.RejectedLines);
        Assert.Equal(view.Accepted, httpBody.ValidRecords);
        if (view.RejectedLines <= Linkage.Streams.FeedLedgerGrain.RejectedLimit)
        {
            Assert.Equal(httpRejected.Select(r => (r.Line, r.Reason)), view.Rejected.OrderBy(r => r.Line).Select(r => (r.Line, r.Reason)));
        }
        else
        {
            Assert.Subset(httpRejected.Select(r => (r.Line, r.Reason)).ToHashSet(), view.Rejected.Select(r => (r.Line, r.Reason)).ToHashSet());
        }

        await AssertIntactAsync(front, streamValid);
        output.WriteLine($"{kind}: {httpBody.Bytes.Length} bytes, {lines.Count} non-blank lines, {httpRejected.Count} named, {httpBody.ValidRecords} valid accepted (http and stream alike)");
    }

    /// <summary>Every non-blank line is accepted or named once, with a reason; the only lines accepted are the valid records.</summary>
    private static void AssertAccounted(string kind, string way, IReadOnlyList<int> lines, int accepted, List<FeedRejection> rejected, int valid)
    {
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason), $"{kind} ({way}): line {r.Line} named without a reason"));
        Assert.Equal(rejected.Count, rejected.Select(r => r.Line).Distinct().Count());
        var nonBlank = lines.ToHashSet();
        var stray = rejected.Where(r => !nonBlank.Contains(r.Line)).Select(r => r.Line).Take(5).ToList();
        Assert.True(stray.Count == 0, $"{kind} ({way}): rejected lines that are not non-blank lines of the body: {string.Join(", ", stray)}");
        Assert.True(accepted + rejected.Count == lines.Count, $"{kind} ({way}): {lines.Count} non-blank lines, but {accepted} accepted + {rejected.Count} named");
        Assert.True(accepted == valid, $"{kind} ({way}): expected exactly the {valid} valid records accepted, saw {accepted}; named: {string.Join("; ", rejected.Take(3).Select(r => $"{r.Line}: {r.Reason}"))}");
    }

    /// <summary>Each valid record is stored as it was sent, alone in its person.</summary>
    internal static async Task AssertIntactAsync(LinkageHttpFront front, IReadOnlyList<FeedEvent> valid)
    {
        foreach (var e in valid)
        {
            var person = await front.PersonAsync(e.Subject.Mid!);
            Assert.Equal(e, Assert.Single(person.Records));
        }
    }

    internal static List<FeedEvent> ValidRecords()
    {
        var source = NewSource();
        return [.. Enumerable.Range(0, 4).Select(i => Lab(source, $"valid-{i}", 1, NewMid(), value: 5 + i))];
    }

    internal static string Brief(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
