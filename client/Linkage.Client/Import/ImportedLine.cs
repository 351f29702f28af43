using Linkage.Feeds;

namespace Linkage.Client.Import;

/// <summary>What an importer made of one place in an input file: an event, or the reason it could not take it.</summary>
/// <param name="Line">1-based line number in the input file. For UKE the RE line of the receipt; for a file-level
/// problem (a missing GO, a totals mismatch) the line it was found on, the last line when the file ended early.</param>
/// <param name="Event">The mapped events-v1 event, when there is one.</param>
/// <param name="Reason">Why nothing was taken here, naming the field or record; null when <paramref name="Event"/> is set.</param>
public sealed record ImportedLine(int Line, FeedEvent? Event, string? Reason)
{
    /// <summary>The input file the line belongs to, as the caller named it (several files are read at once for FHIR).</summary>
    public string? FileName { get; init; }

    /// <summary>True when the line produced an event.</summary>
    public bool IsEvent => Event is not null;
}
