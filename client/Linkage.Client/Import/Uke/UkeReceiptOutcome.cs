using Linkage.Feeds;

namespace Linkage.Client.Import.Uke;

/// <summary>What one RE group became: its receipt event or the reason it was rejected, and the points it claims (for the GO check).</summary>
internal sealed record UkeReceiptOutcome(FeedEvent? Event, string? Reason, int? ClaimedPoints);
