using System.Text;
using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Safety;
using static Linkage.Bench.Sql.CohortSql;

namespace Linkage.Bench.Sql;

/// <summary>
/// safety-v1's sequence symmetry analysis as the SQL an analyst would write over <see cref="EventTables"/> in DuckDB
/// (with the <c>people</c> table of <see cref="DuckDbCohortDatabase"/>, whose <c>first_date</c> is the observation
/// start): the counts of a single pair, or of every code of a screening, and the null-effect ratio's two sums.
/// </summary>
/// <remarks>
/// <para>One row per marker code (<c>''</c> for a single pair), with the population's totals repeated, or one row of
/// totals with a NULL code when no one has an incident marker. Clause by clause as the contract says: a person's first
/// date is the earliest matching event (the criterion matched as <see cref="CohortSql"/> matches it); it is incident
/// when at least runIn days after the observation start and inside the period, and otherwise treated as absent; a
/// sequence is a pair of incident first dates at most window days apart and not on the same day.</para>
/// <para>The null-effect ratio's sums <c>Σ_d i_d after(d)</c> and <c>Σ_d i_d (before(d) + after(d))</c> are summed over
/// marker days instead of index days (the same products of integers in another order): <c>Σ_e m_e I(e-window..e-1)</c>
/// and <c>Σ_e m_e (I(e-window..e-1) + I(e+1..e+window))</c>, with <c>I</c> the incident index people of those days, a
/// window frame over one calendar; the direct range join would pair every marker day of every code with up to
/// 2 × window index days.</para>
/// </remarks>
public static class SequenceSql
{
    /// <summary>Days are numbered as <see cref="DateOnly.DayNumber"/>.</summary>
    private const string DayZero = "DATE '0001-01-01'";

    /// <summary>The query of <paramref name="request"/>: a single pair or a screening.</summary>
    public static string Of(SsaRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var window = Integer(request.Window);
        var sql = new StringBuilder();
        sql.Append("WITH index_first AS (SELECT person_id, min(date) AS t FROM (").Append(Matching(request.Index)).Append(") GROUP BY person_id),\n");
        sql.Append("marker_first AS (").Append(MarkerFirst(request)).Append("),\n");
        sql.Append("index_incident AS (SELECT f.person_id, f.t - ").Append(DayZero).Append(" AS d FROM index_first f JOIN people p USING (person_id) WHERE ")
            .Append(Incident(request)).Append("),\n");
        sql.Append("marker_incident AS (SELECT f.code, f.person_id, f.t - ").Append(DayZero).Append(" AS e FROM marker_first f JOIN people p USING (person_id) WHERE ")
            .Append(Incident(request)).Append("),\n");

        // The attrition of each marker: incident marker, both incident, within the window, ties, and the two orders.
        sql.Append($"""
            sequences AS (SELECT m.code, count(*) AS incident_marker, count(i.d) AS both_incident,
                count(*) FILTER (WHERE abs(m.e - i.d) <= {window}) AS within_window,
                count(*) FILTER (WHERE m.e = i.d) AS ties,
                count(*) FILTER (WHERE m.e > i.d AND m.e - i.d <= {window}) AS index_first,
                count(*) FILTER (WHERE m.e < i.d AND i.d - m.e <= {window}) AS marker_first
              FROM marker_incident m LEFT JOIN index_incident i USING (person_id) GROUP BY m.code),
            index_days AS (SELECT d, count(*) AS i FROM index_incident GROUP BY d),
            calendar AS (SELECT c.day, coalesce(x.i, 0) AS i
              FROM (SELECT e AS day FROM marker_incident UNION SELECT d FROM index_days) c LEFT JOIN index_days x ON x.d = c.day),
            index_near AS (SELECT day,
                coalesce(sum(i) OVER (ORDER BY day RANGE BETWEEN {window} PRECEDING AND 1 PRECEDING), 0) AS index_before,
                coalesce(sum(i) OVER (ORDER BY day RANGE BETWEEN 1 FOLLOWING AND {window} FOLLOWING), 0) AS index_after
              FROM calendar),
            marker_days AS (SELECT code, e, count(*) AS m FROM marker_incident GROUP BY code, e),
            null_effect AS (SELECT code, CAST(sum(m * index_before) AS BIGINT) AS index_then_marker,
                CAST(sum(m * (index_before + index_after)) AS BIGINT) AS around
              FROM marker_days JOIN index_near ON day = e GROUP BY code),
            totals AS (SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM index_incident) AS incident_index)
            SELECT t.people, t.incident_index, s.code, s.incident_marker, s.both_incident, s.within_window, s.ties, s.index_first, s.marker_first,
                   n.index_then_marker, n.around
            FROM totals t LEFT JOIN (sequences s JOIN null_effect n USING (code)) ON true
            ORDER BY s.code
            """);
        return sql.ToString();
    }

    /// <summary>(code, person_id, t): each person's first date of the single marker (code <c>''</c>) or of each screened code.</summary>
    private static string MarkerFirst(SsaRequest request)
    {
        if (request.Marker is { } marker) return $"SELECT '' AS code, person_id, min(date) AS t FROM ({Matching(marker)}) GROUP BY person_id";

        // A screened code is a prefix of that length of a code the kind's field lists, matched as a code-prefix criterion.
        var screen = request.Screen!;
        var length = Integer(screen.Length);
        var codes = screen.Kind switch
        {
            EventKind.Receipt when screen.Field == "code" => $"event_codes WHERE item = '{EventTables.Diagnosis}' AND NOT suspected",
            EventKind.Receipt when screen.Field == "drug" => $"event_codes WHERE item = '{EventTables.Drug}'",
            EventKind.Receipt => $"event_codes WHERE item = '{EventTables.Procedure}'",
            _ => $"events WHERE kind = {Text(EventKinds.Name(screen.Kind))}",
        };
        return $"SELECT substr(code, 1, {length}) AS code, person_id, min(date) AS t FROM {codes} AND length(code) >= {length} GROUP BY ALL";
    }

    /// <summary>A first date <c>f.t</c> of person <c>p</c> is incident: runIn days after the observation start, inside the period.</summary>
    private static string Incident(SsaRequest request)
    {
        var conditions = new List<string> { $"f.t - p.first_date >= {Integer(request.RunIn)}" };
        if (request.Period is { } period)
        {
            if (period.From is { } from) conditions.Add($"f.t >= {Date(from)}");
            if (period.To is { } to) conditions.Add($"f.t <= {Date(to)}");
        }

        return string.Join(" AND ", conditions);
    }
}
