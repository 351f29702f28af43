using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>Record versions of one batch that share routing keys, routed together in one component write.</summary>
public sealed record RecordGroup(ImmutableArray<FeedEvent> Events, ImmutableArray<string> Keys)
{
    /// <summary>The id a new component gets: the group's smallest token, itself one of the group's keys.</summary>
    public string Candidate => Events.SelectMany(e => e.Subject.Tokens()).Min(StringComparer.Ordinal)!;
}
