using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Linkage.Ingest;
using Orleans.Runtime;
using Orleans.Streams;

namespace Linkage.Client.Streaming;

/// <summary>Publishes feed files to the feed stream as an Orleans client, in batches of lines.</summary>
/// <remarks>
/// Lines travel raw and are validated in the cluster, which records bad ones in the source's
/// ledger. Batches are spread over several streams of the source so that several consumers work
/// in parallel; one queue message carries one batch, which is what makes queue streams fast.
/// </remarks>
public sealed class FeedPublisher(IClusterClient client, FeedPublisherOptions options)
{
    private readonly IStreamProvider _streams = client.GetStreamProvider(FeedStream.ProviderName);

    /// <summary>Publishes every line of a UTF-8 NDJSON stream.</summary>
    public async Task<FeedPublication> PublishAsync(
        string source, string fileName, Stream utf8, IProgress<FeedPublication>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(utf8, new UTF8Encoding(false, throwOnInvalidBytes: false));
        var lines = ImmutableArray.CreateBuilder<string>();
        var chars = 0;
        var lineNumber = 0;
        var sent = new FeedPublication(0, 0);

        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            lines.Add(line);
            chars += line.Length;
            if (lines.Count >= options.BatchLines || chars >= options.BatchChars)
            {
                sent = await Send(source, fileName, lineNumber - lines.Count + 1, lines.DrainToImmutable(), sent, cancellationToken);
                chars = 0;
                progress?.Report(sent);
            }
        }

        if (lines.Count > 0) sent = await Send(source, fileName, lineNumber - lines.Count + 1, lines.DrainToImmutable(), sent, cancellationToken);
        progress?.Report(sent);
        return sent;
    }

    private async Task<FeedPublication> Send(
        string source, string fileName, int firstLine, ImmutableArray<string> lines, FeedPublication sent, CancellationToken cancellationToken)
    {
        var batch = new FeedBatch
        {
            // The same lines give the same id on a re-run, so the ledger does not count them twice.
            BatchId = $"{fileName}:{firstLine}:{Checksum(lines)}",
            File = fileName,
            FirstLine = firstLine,
            Lines = lines,
        };
        var partition = sent.Batches % options.StreamsPerSource;
        var stream = _streams.GetStream<FeedBatch>(StreamId.Create(FeedStream.Namespace, FeedStream.Key(source, partition)));
        await SendWithBackoff(stream, batch, cancellationToken);
        return new FeedPublication(sent.Batches + 1, sent.Lines + lines.Length);
    }

    private static async Task SendWithBackoff(IAsyncStream<FeedBatch> stream, FeedBatch batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                await stream.OnNextAsync(batch);
                return;
            }
            catch (InvalidOperationException) when (delay < TimeSpan.FromSeconds(30))
            {
                // A full memory queue refuses new events: wait and send again, slower each time.
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }
    }

    private static string Checksum(ImmutableArray<string> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexString(hash.GetHashAndReset(), 0, 8);
    }
}
