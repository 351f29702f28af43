namespace Linkage.Population;

/// <summary>One line of a generated feed: the feed (file) it belongs to and its NDJSON text, without the line end.</summary>
public sealed record FeedLine(string Source, string Text);
