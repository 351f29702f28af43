using System.Diagnostics.CodeAnalysis;

namespace Linkage.Feeds;

/// <summary>A non-blank line of a feed body as text, not yet parsed, or why it cannot be carried as text (too long, not UTF-8).</summary>
public readonly record struct FeedTextLine(int Line, string? Text, FeedRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(Text))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsText => Text is not null;
}
