namespace Linkage.Client.Ingestion;

/// <summary>How far a run has come, for a progress display.</summary>
/// <param name="LinesRead">Input lines read so far (for an export of several files, summed).</param>
/// <param name="Events">Events made from them.</param>
/// <param name="Sent">Events the API answered for, or lines published to the feed stream.</param>
/// <param name="Rejected">Lines rejected here or by the API.</param>
/// <param name="BytesRead">Bytes of the input read so far; with <paramref name="TotalBytes"/> the fraction done.</param>
/// <param name="TotalBytes">The input's size, when it is known.</param>
public readonly record struct IngestionProgress(
    string Input,
    long LinesRead,
    int Events,
    int Sent,
    int Accepted,
    int Duplicates,
    int Rejected,
    int Retries,
    long BytesRead,
    long? TotalBytes,
    TimeSpan Elapsed)
{
    /// <summary>Input lines read per second so far.</summary>
    public double LinesPerSecond => Elapsed > TimeSpan.Zero ? LinesRead / Elapsed.TotalSeconds : 0;

    /// <summary>0..1 when the input's size is known.</summary>
    public double? Fraction => TotalBytes is { } total && total > 0 ? Math.Clamp((double)BytesRead / total, 0, 1) : null;
}
