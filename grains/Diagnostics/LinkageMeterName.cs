namespace Linkage.Diagnostics;

/// <summary>
/// The name of this host's Linkage meter: <see cref="LinkageMetrics.MeterName"/> and an id of the host, so that a
/// metrics pipeline listening by name hears only its own host's instruments when several hosts share a process (as
/// test hosts do). The exported series keep their names; only their scope carries the id.
/// </summary>
public sealed record LinkageMeterName(string Value)
{
    public static LinkageMeterName ForNewHost() => new($"{LinkageMetrics.MeterName}.{Guid.NewGuid():N}");
}
