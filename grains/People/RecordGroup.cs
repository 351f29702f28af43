using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.People;

/// <summary>Record versions of one batch that share routing keys: routed together, to one component.</summary>
/// <param name="Events">The versions.</param>
/// <param name="Keys">Their distinct routing keys' hashes.</param>
/// <param name="Candidate">The id a new component for them gets: derived from their smallest token.</param>
public sealed record RecordGroup(ImmutableArray<FeedEvent> Events, ImmutableArray<ulong> Keys, ComponentId Candidate);
