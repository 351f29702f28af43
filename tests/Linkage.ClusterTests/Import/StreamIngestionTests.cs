using Linkage.Client.Import;
using Linkage.Client.Ingestion;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.ClusterTests.Import;

/// <summary><c>linkage ingest --stream</c>: files published through the feed stream as an Orleans client, the cluster's verdicts in the source's ledger.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class StreamIngestionTests(LinkageClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ImportScratch _scratch = new();
    private LinkageHttpFront _front = null!;

    public async Task InitializeAsync() => _front = await LinkageHttpFront.StartAsync(fixture.Cluster);

    public async Task DisposeAsync()
    {
        await _front.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Events_v1_NDJSON_is_published_as_it_is_and_the_ledger_names_its_bad_line_by_its_line_in_the_file()
    {
        var path = _scratch.CopyNdjson("feed.ndjson");
        File.WriteAllText(RejectsFile.PathFor(path), "line,reason\r\n9,stale\r\n");

        var report = await Publish(path, FeedFormat.Ndjson);

        Assert.Equal(5, report.Sent);
        Assert.Empty(report.RejectsFiles);
        Assert.False(File.Exists(RejectsFile.PathFor(path)));
        var ledger = await LedgerAfter(report);
        Assert.Equal(3, ledger.Accepted);
        var rejected = Assert.Single(ledger.Rejected);
        Assert.Equal(("feed.ndjson", 2), (rejected.File, rejected.Line));
        Assert.StartsWith("date", rejected.Reason);
    }

    [Fact]
    public async Task A_converted_format_is_published_as_its_events_and_its_importer_rejects_go_to_the_rejects_file()
    {
        var path = _scratch.Copy("death.csv");

        var report = await Publish(path, FeedFormat.DeathCsv);

        Assert.Equal((2, 2), (report.Events, report.Sent));
        Assert.Equal([5, 6, 7], report.Rejections.Select(r => r.Line).Order());
        Assert.Equal(4, File.ReadAllLines(RejectsFile.PathFor(path)).Length);
        var ledger = await LedgerAfter(report);
        Assert.Equal(2, ledger.Accepted);
        Assert.Empty(ledger.Rejected);
        var records = await _scratch.RecordsAsync(_front, _scratch.Tokenizer.Id2("サトウ ハナコ", new DateOnly(1950, 3, 14), Sex.F));
        Assert.Equal(["D-2024-0001"], records.Keys);
    }

    private async Task<IngestionReport> Publish(string path, FeedFormat format)
    {
        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { BatchLines = 2, StreamsPerSource = 2 });
        var input = Assert.Single(IngestionInput.Of(_scratch.Importer(format), [path]));
        var report = await new FeedStreamIngestion(publisher).PublishAsync(_scratch.Source, input);
        Assert.Null(report.Failure);
        Assert.True(report.ToStream);
        return report;
    }

    private async Task<FeedLedgerView> LedgerAfter(IngestionReport report)
    {
        var ledger = fixture.Grains.GetGrain<IFeedLedgerGrain>(_scratch.Source);
        await Eventually.Async(
            async () => (await ledger.GetLedger()).Batches == report.Batches,
            Deadline,
            () => $"ledger {_scratch.Source}: expected {report.Batches} batches");
        return await ledger.GetLedger();
    }
}
