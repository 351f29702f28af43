using Linkage.Client.Import;

namespace Linkage.Client.Ingestion;

/// <summary>
/// What became of every line of one input file: each line is counted once, as made into events (none of which the API
/// rejected), rejected (by the importer or the API) or skipped (read past, with the reasons).
/// </summary>
public sealed record FileLines
{
    public required string File { get; init; }

    /// <summary>
    /// Lines the importer made events of, none of which the API rejected: what the platform stored, found stored already
    /// (duplicates) or dropped for an opted-out person (the report's event counts say which), or, when the run stopped
    /// (<see cref="IngestionReport.Failure"/>), did not receive.
    /// </summary>
    public long IntoEvents { get; init; }

    /// <summary>Lines rejected by the importer, or whose events the API rejected: the rows of the rejects file.</summary>
    public long Rejected { get; init; }

    /// <summary>Lines read past without an event or a rejection (blank lines, a header, UKE IR and GO records...).</summary>
    public long Skipped => SkippedLines.Sum(s => (long)s.Count);

    /// <summary>Why the skipped lines gave nothing, with their counts.</summary>
    public IReadOnlyList<SkippedLines> SkippedLines { get; init; } = [];

    /// <summary>Every line of the file: <see cref="IntoEvents"/> + <see cref="Rejected"/> + <see cref="Skipped"/>.</summary>
    public long Lines => IntoEvents + Rejected + Skipped;
}
