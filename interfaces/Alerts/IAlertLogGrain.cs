using System.Collections.Immutable;

namespace Linkage.Alerts;

/// <summary>
/// The durable alert log of api-v1 (key 0; <see cref="AlertLog.Of"/>): surveillance and safety alerts and their
/// withdrawals, in the order they were appended. Any grain that raises or withdraws an alert appends it here; an
/// alert whose version is not newer than the log's latest of the same id is a repeat (a replay or a retry) and is
/// dropped, so appending the same alerts again never repeats a line.
/// </summary>
[Alias("linkage.IAlertLogGrain")]
public interface IAlertLogGrain : IGrainWithIntegerKey
{
    /// <summary>Appends the alerts that are new, durably, in the order given; answers the ones appended.</summary>
    [Alias("Append")]
    Task<ImmutableArray<LoggedAlert>> Append(ImmutableArray<Alert> alerts);

    /// <summary>At most <paramref name="max"/> alerts after position <paramref name="after"/> (0: from the first).</summary>
    [Alias("Read")]
    Task<AlertPage> Read(long after, int max);

    /// <summary>The position of the last alert taken before <paramref name="since"/> (alerts after it were taken at or after it).</summary>
    [Alias("PositionBefore")]
    Task<long> PositionBefore(DateTimeOffset since);

    /// <summary>
    /// Like <see cref="Read"/>, but when nothing follows <paramref name="after"/> it answers as soon as something is
    /// appended, or empty after <paramref name="wait"/>: how the stream's readers are woken.
    /// </summary>
    [Alias("WaitAfter")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<AlertPage> WaitAfter(long after, int max, TimeSpan wait);
}
