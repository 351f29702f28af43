using System.Text.Json.Serialization;

namespace Linkage.Feeds;

/// <summary>
/// A feed line that was not taken in: its 1-based line number and a reason that names the field first, and the file
/// it is in where lines of several files meet. The one type of a rejected line, from the parser and the importers to
/// the rejects file, the API answer and the feed ledger.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.FeedRejection")]
public sealed record FeedRejection
{
    /// <summary>1-based line number in the file or body, counting blank lines too; 0 for the whole of it (a poison batch).</summary>
    [Id(0)] public required int Line { get; init; }

    /// <summary>Why, e.g. <c>date: "2023-02-29" is not a real date (YYYY-MM-DD)</c>.</summary>
    [Id(1)] public required string Reason { get; init; }

    /// <summary>
    /// The file the line is in, as the sender named it, where lines of several files meet (an import run, a feed
    /// ledger); null for a single body such as one ingest request, and then left out of JSON.
    /// </summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? File { get; init; }
}
