using System.Diagnostics.CodeAnalysis;

namespace Linkage.Feeds;

/// <summary>The outcome of one feed line: the event it holds, or why it was rejected.</summary>
public readonly record struct FeedLineResult(int Line, FeedEvent? Event, FeedRejection? Rejection)
{
    /// <summary>True when the line held a valid event; otherwise the parser sets <see cref="Rejection"/>.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsAccepted => Event is not null;

    internal static FeedLineResult Accepted(int line, FeedEvent feedEvent) => new(line, feedEvent, null);

    internal static FeedLineResult Rejected(int line, string reason) =>
        new(line, null, new FeedRejection { Line = line, Reason = reason });
}
