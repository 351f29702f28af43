using Linkage.Feeds;

namespace Linkage.Bench;

/// <summary>The baseline: records are one person only when they share an id1 (like NDB's ID1), nothing else.</summary>
internal static class Id1OnlyLinkage
{
    /// <summary>A person label per record: its id1, or the record itself when it carries none.</summary>
    public static string[] Labels(IReadOnlyList<FeedEvent> records) =>
        [.. records.Select(r => r.Subject.Id1 ?? "rec:" + r.Key)];
}
