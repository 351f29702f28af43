using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>The keys a record is routed by: its subject's tokens and its own (source, recordId).</summary>
/// <remarks>
/// The record's own key keeps every version of a record in one component even when a
/// correction changes its tokens, so that the latest version can replace the earlier ones.
/// </remarks>
public static class RoutingKeys
{
    /// <summary>Prefix of a record's own routing key; cannot collide with a token (tokens are KIND. + base64url).</summary>
    public const string RecordPrefix = "rec:";

    public static string ForRecord(RecordKey key) => RecordPrefix + key.Source + "/" + key.RecordId;

    public static IEnumerable<string> Of(FeedEvent feedEvent)
    {
        foreach (var token in feedEvent.Subject.Tokens()) yield return token;
        yield return ForRecord(feedEvent.Key);
    }
}
