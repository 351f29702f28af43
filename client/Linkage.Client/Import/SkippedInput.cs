namespace Linkage.Client.Import;

/// <summary>
/// Raised inside an importer when a record is well formed but gives no event on purpose (a claim with nothing to say,
/// a benefit explanation whose claim was read): its lines are counted as skipped, with the message as the reason.
/// </summary>
internal sealed class SkippedInput(string reason, bool warn) : Exception(reason)
{
    /// <summary>True when the operator should hear of it (a warning naming the record), not only see it counted.</summary>
    public bool Warn { get; } = warn;
}
