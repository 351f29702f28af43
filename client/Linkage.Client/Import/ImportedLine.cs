using Linkage.Feeds;

namespace Linkage.Client.Import;

/// <summary>What an importer made of one place in an input file: an event, or the rejection saying why it took nothing there.</summary>
public sealed record ImportedLine
{
    private ImportedLine(string? file, int line, FeedEvent? feedEvent, FeedRejection? rejection)
    {
        File = file;
        Line = line;
        Event = feedEvent;
        Rejection = rejection;
    }

    /// <summary>The input file the line belongs to, as the caller named it (several files are read at once for FHIR).</summary>
    public string? File { get; }

    /// <summary>1-based line number in <see cref="File"/>; for UKE the RE line of the receipt.</summary>
    public int Line { get; }

    /// <summary>The events-v1 event, held to core's rules (<see cref="FeedLineParser.Validate"/>), when there is one.</summary>
    public FeedEvent? Event { get; }

    /// <summary>Why nothing was taken here, naming the record, field or column; null when <see cref="Event"/> is set.</summary>
    public FeedRejection? Rejection { get; }

    /// <summary>The reason of <see cref="Rejection"/>, or null.</summary>
    public string? Reason => Rejection?.Reason;

    /// <summary>
    /// How many lines of <see cref="File"/> this answers for, from <see cref="Line"/> on: a UKE receipt answers for its
    /// RE line and every record of it, a CSV row for the lines its quoted line breaks run over, 1 for most; 0 for the
    /// second and later events of one line (a blood-pressure panel), so that every line of a file is counted once.
    /// With the importer's <see cref="IFeedImporter.Skipped"/> lines they add up to the file's line count.
    /// </summary>
    public int Lines { get; init; } = 1;

    /// <summary>True when the line produced an event.</summary>
    public bool IsEvent => Event is not null;

    /// <summary>
    /// An event an importer made, held to the events-v1 rules by core's parser (<see cref="FeedLineParser.Validate"/>):
    /// the parsed event when the platform would take it, else a rejection that says which rule it broke.
    /// </summary>
    /// <param name="what">Names the record in a rejection, e.g. <c>MedicationDispense/md1</c>; null when the line says enough.</param>
    public static ImportedLine Mapped(string? file, int line, FeedEvent feedEvent, string? what = null)
    {
        var checkedEvent = FeedLineParser.Validate(feedEvent, line);
        return checkedEvent.IsAccepted
            ? new ImportedLine(file, line, checkedEvent.Event, null)
            : Rejected(file, line, $"{(what is null ? string.Empty : what + ": ")}the mapped event breaks events-v1: {checkedEvent.Rejection!.Reason}");
    }

    /// <summary>An event that is already an events-v1 line's parse (events-v1 NDJSON read as it is).</summary>
    public static ImportedLine Parsed(string? file, FeedLineResult result) =>
        result.IsAccepted ? new ImportedLine(file, result.Line, result.Event, null) : Rejected(file, result.Line, result.Rejection!.Reason);

    /// <summary>Nothing taken at <paramref name="line"/>, for <paramref name="reason"/>.</summary>
    public static ImportedLine Rejected(string? file, int line, string reason) =>
        new(file, line, null, new FeedRejection { File = file, Line = line, Reason = reason });
}
