using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.People;

/// <summary>The rule of an opt-out for ingests and replay: a record carrying a token whose person opted out is dropped.</summary>
public static class OptOutRule
{
    /// <summary>The events none of whose tokens resolves to <see cref="ComponentId.OptedOut"/> in <paramref name="resolved"/>.</summary>
    public static ImmutableArray<FeedEvent> Keep(IReadOnlyList<FeedEvent> events, IReadOnlyDictionary<ulong, ComponentId> resolved) =>
        [.. events.Where(e => !e.Subject.Tokens().Any(t => resolved.TryGetValue(RoutingKey.HashOfToken(t), out var c) && c == ComponentId.OptedOut))];
}
