using Linkage.Feeds;

namespace Linkage.Population;

/// <summary>A generated line as UTF-8 (half the memory of a string), its feed, and the event it holds (null when malformed).</summary>
internal readonly record struct GeneratedLine(string Source, byte[] Utf8, FeedEvent? Event);
