using System.Collections.Immutable;

namespace Linkage.Surveillance;

/// <summary>EARS statistics of one day of a series, rounded to 4 decimals (null where the baseline is incomplete), and the detectors that alarm.</summary>
public sealed record EarsDay(double? C1, double? C2, double? C3, ImmutableArray<string> Alarms);
