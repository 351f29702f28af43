using System.Net;
using Linkage.Client.Http;

namespace Linkage.Client.Ingestion;

/// <summary>
/// Sends an input to the API: the importer's events in batches (<see cref="FeedIngestionOptions"/>) as events-v1
/// NDJSON, the API's rejected lines mapped back to the input's lines, every rejected line written to the rejects file
/// beside the input. A batch the API answers with 503 is sent again after the wait its Retry-After asks for; re-running the same input changes
/// nothing, since stored lines come back as duplicates.
/// </summary>
public sealed class FeedIngestion(IIngestSender sender, FeedIngestionOptions? options = null)
{
    private readonly FeedIngestionOptions _options = options ?? new FeedIngestionOptions();

    /// <summary>Reads and sends <paramref name="input"/> to the end, or until the API cannot take more (see <see cref="IngestionReport.Failure"/>).</summary>
    public async Task<IngestionReport> IngestAsync(
        IngestionInput input, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tally = new IngestionTally(input, toStream: false);
        var batch = new IngestBatch();
        string? failure = null;
        await foreach (var line in input.ReadAsync(cancellationToken))
        {
            var file = tally.Read(line);
            if (line.Event is { } feedEvent)
            {
                batch.Add(file, line.Line, feedEvent, line.Lines);
                if (batch.Count >= _options.BatchLines || batch.Bytes >= _options.BatchBytes)
                {
                    failure = await SendAsync(batch, tally, progress, cancellationToken);
                    if (failure is not null) break;
                }
            }

            progress?.Report(tally.Progress());
        }

        if (failure is null && batch.Count > 0) failure = await SendAsync(batch, tally, progress, cancellationToken);
        var report = await tally.FinishAsync(failure, cancellationToken);
        progress?.Report(tally.Progress());
        return report;
    }

    /// <summary>Sends one batch, again after a wait while the API says its storage is unavailable; returns why it could not, or null.</summary>
    private async Task<string?> SendAsync(IngestBatch batch, IngestionTally tally, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _options.Time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await sender.SendAsync(batch.Body, cancellationToken);
                tally.Answered(batch, result, _options.Time.GetElapsedTime(started));
                batch.Clear();
                return null;
            }
            catch (LinkageApiException ex) when (IsTransient(ex.Status) && attempt < _options.RetryDelays.Count)
            {
                tally.Retries++;
                progress?.Report(tally.Progress());
                // The API's Retry-After when it gave one (it knows how far behind it is), our own schedule otherwise.
                await Task.Delay(ex.RetryAfter is { } asked ? Min(asked, MaxRetryAfter) : _options.RetryDelays[attempt], cancellationToken);
            }
            catch (LinkageApiException ex)
            {
                return Describe(ex, attempt + 1);
            }
            catch (HttpRequestException ex)
            {
                return $"the API could not be reached: {ex.Message}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return "the API did not answer in time";
            }
        }
    }

    /// <summary>A Retry-After longer than this is taken as this: the run goes on trying, as the schedule does.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    private static string Describe(LinkageApiException ex, int attempts) => ex.Status switch
    {
        HttpStatusCode.Unauthorized => $"the API refused the key ({ex.Message}); give an operator key",
        HttpStatusCode.Forbidden => $"the key may not ingest ({ex.Message}); give a key with the operator role",
        _ when IsTransient(ex.Status) => $"{ex.Message} (after {attempts} attempts)",
        _ => ex.Message,
    };
}
