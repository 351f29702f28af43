using System.Text.Json.Serialization;
using Linkage.Feeds;

namespace Linkage.Ingest;

/// <summary>
/// What an ingest did with the lines it read, as <c>POST /api/v1/ingest</c> answers it (api-v1): the valid record
/// versions accepted, found duplicate or dropped for an opted-out person, and the rejected lines numbered in the body.
/// The one type of it, from the ingest pipeline to the API's answer and the client that reads it; it travels as
/// JSON, not between grains.
/// </summary>
public sealed record IngestAnswer(int Accepted, int Duplicates, int OptedOut, IReadOnlyList<FeedRejection> Rejected)
{
    public static IngestAnswer Of(IngestTally tally, IReadOnlyList<FeedRejection> rejected) =>
        new(tally.Accepted, tally.Duplicates, tally.OptedOut, rejected);

    /// <summary>The tally of the valid record versions (not part of the JSON answer).</summary>
    [JsonIgnore]
    public IngestTally Tally => new(Accepted, Duplicates, OptedOut);
}
