using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Linkage.Client.Streaming;
using Linkage.Feeds;

namespace Linkage.Client.Ingestion;

/// <summary>
/// Publishes an input to the feed stream with a <see cref="FeedPublisher"/>. events-v1 NDJSON goes as it is, so the
/// source's ledger (<c>GET /api/v1/feeds/{source}</c>) names its bad lines by their line numbers in the file; other
/// formats go as the importer's events, one per line, and the importer's rejects go to the rejects file.
/// </summary>
/// <remarks>
/// The cluster validates what the stream delivers and keeps accepted, duplicate and rejected counts in the ledger, so
/// the report holds only what was published. For a converted format the ledger's line numbers count the published
/// events, not the lines of the input. Re-publishing the same input gives the same batches, which the ledger does not
/// count twice.
/// </remarks>
public sealed class FeedStreamIngestion(FeedPublisher publisher)
{
    /// <summary>Publishes <paramref name="input"/> under <paramref name="source"/>'s streams.</summary>
    public async Task<IngestionReport> PublishAsync(
        string source, IngestionInput input, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tally = new IngestionTally(input, toStream: true);
        string? failure = null;
        try
        {
            if (input.IsEventsV1) await PublishRawAsync(source, input, tally, progress, cancellationToken);
            else await PublishEventsAsync(source, input, tally, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException)
        {
            failure = $"the feed stream did not take the lines: {ex.Message}";
        }

        var report = await tally.FinishAsync(failure, cancellationToken);
        progress?.Report(tally.Progress());
        return report;
    }

    private async Task PublishRawAsync(
        string source, IngestionInput input, IngestionTally tally, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        await using var file = input.OpenRaw();
        var published = new PublicationProgress(p =>
        {
            tally.Published(p.Batches, p.Lines, raw: true);
            progress?.Report(tally.Progress());
        });
        await publisher.PublishAsync(source, input.ShortName, file, published, cancellationToken);
    }

    private async Task PublishEventsAsync(
        string source, IngestionInput input, IngestionTally tally, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        // The importer writes events into the pipe while the publisher reads them out: nothing is held but the pipe's buffer.
        var pipe = new Pipe();
        var converting = ConvertAsync(input, tally, pipe.Writer, progress, cancellationToken);
        var publishing = publisher.PublishAsync(
            source, input.ShortName, pipe.Reader.AsStream(), new PublicationProgress(p => tally.Published(p.Batches, p.Lines, raw: false)), cancellationToken);
        await Task.WhenAll(converting, publishing);
    }

    private static async Task ConvertAsync(
        IngestionInput input, IngestionTally tally, PipeWriter writer, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in input.ReadAsync(cancellationToken))
            {
                tally.Read(line);
                if (line.Event is { } feedEvent)
                {
                    Encoding.UTF8.GetBytes(FeedEventJson.ToJson(feedEvent), writer);
                    writer.Write("\n"u8);

                    // Completed: the publisher stopped reading (it failed), so reading on is of no use.
                    if ((await writer.FlushAsync(cancellationToken)).IsCompleted) break;
                }

                progress?.Report(tally.Progress());
            }
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(ex);
            throw;
        }

        await writer.CompleteAsync();
    }

    /// <summary>Reports synchronously, on the publisher's own flow (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class PublicationProgress(Action<FeedPublication> report) : IProgress<FeedPublication>
    {
        public void Report(FeedPublication value) => report(value);
    }
}
