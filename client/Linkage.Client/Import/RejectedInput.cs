using Linkage.Feeds;

namespace Linkage.Client.Import;

/// <summary>
/// Raised inside an importer when a record cannot be taken, so that a check deep in the mapping can stop it; the
/// message names the field. Never thrown out of an importer: it becomes the <see cref="Feeds.FeedRejection"/> of its line.
/// </summary>
internal sealed class RejectedInput(string reason) : Exception(reason);
