namespace Linkage.Engine;

/// <summary>
/// Recovers what a silo's death (or a whole cluster's) took from memory: replays the ingest logs past their
/// checkpoints through the normal apply path, then lets the silos ingest again. One for the cluster.
/// </summary>
[Alias("linkage.IRecoveryCoordinatorGrain")]
public interface IRecoveryCoordinatorGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Answers once nothing is left to recover as of membership version <paramref name="membershipVersion"/> (the
    /// caller's view: the coordinator looks at least that far): no log is left whose writer is gone.
    /// </summary>
    [Alias("EnsureRecovered")]
    [ResponseTimeout("00:10:00")]
    Task<RecoveryReport> EnsureRecovered(long membershipVersion);
}
