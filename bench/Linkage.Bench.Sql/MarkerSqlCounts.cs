namespace Linkage.Bench.Sql;

/// <summary>
/// One marker's row of <see cref="SequenceSql"/>: its attrition, its sequence counts and the null-effect ratio's two
/// sums (<c>Σ_d i_d after(d)</c> and <c>Σ_d i_d (before(d) + after(d))</c>), all counted in SQL.
/// </summary>
public sealed record MarkerSqlCounts(
    string Code, long IncidentMarker, long Both, long WithinWindow, long Ties, long IndexFirst, long MarkerFirst, long IndexThenMarker, long Around)
{
    /// <summary>safety-v1's <c>nsr = p / (1 - p)</c> with <c>p</c> the first sum over the second; null when p is undefined or 1.</summary>
    public double? Nsr => Around > 0 && IndexThenMarker < Around ? (double)IndexThenMarker / Around / (1 - (double)IndexThenMarker / Around) : null;
}
