using Linkage.Benchmarks;
using Linkage.Cohorts;
using static Linkage.Bench.Sql.CohortSql;

namespace Linkage.Bench.Sql;

/// <summary>
/// benchmark-v1's observed and expected counts as the SQL an analyst would write over <see cref="EventTables"/> in
/// DuckDB: the indicator's cohort grouped by entry facility, the adjustment keys and outcome (<see cref="CohortSql"/>
/// of the same cohort-v1 definition the index counts), then indirect standardisation in SQL.
/// </summary>
/// <remarks>
/// One row per attributed facility (<c>facility</c>, <c>people</c>, <c>observed</c>, <c>expected</c>, <c>smr</c>) and
/// one row of the unattributed people (facility NULL, only <c>people</c>). The reference rate of a stratum is the
/// outcomes of every attributed person in it over its people; <c>expected = Σ_s n_{h,s} r_s</c>; <c>smr = O / E</c>,
/// NULL when nothing is expected.
/// </remarks>
public static class BenchmarkSql
{
    public static string Of(BenchmarkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var counting = BenchmarkCounts.Counting(request);

        // The cohort query's columns: k0 the facility, k1..kA the adjustment keys, then the outcome, and n.
        var strata = Enumerable.Range(1, request.Adjust.Length).Select(i => $"k{i}").ToArray();
        var outcome = $"k{request.Adjust.Length + 1}";
        var unknown = Text(GroupValues.UnknownFacility);
        var yes = Text(GroupValues.Yes);
        var keys = strata.Length == 0 ? "" : string.Join(", ", strata) + ", ";
        var join = strata.Length == 0 ? "ON true" : $"USING ({string.Join(", ", strata)})";
        return $"""
            WITH cells AS ({CohortSql.Of(counting)}),
            strata AS (SELECT {keys}coalesce(sum(n) FILTER (WHERE {outcome} = {yes}), 0) / sum(n) AS rate
              FROM cells WHERE k0 <> {unknown} GROUP BY ALL),
            facilities AS (SELECT c.k0 AS facility, CAST(sum(c.n) AS BIGINT) AS people,
                CAST(coalesce(sum(c.n) FILTER (WHERE c.{outcome} = {yes}), 0) AS BIGINT) AS observed,
                sum(c.n * s.rate) AS expected
              FROM cells c JOIN strata s {join} WHERE c.k0 <> {unknown} GROUP BY c.k0)
            SELECT facility, people, observed, expected, CASE WHEN expected > 0 THEN observed / expected END AS smr FROM facilities
            UNION ALL
            SELECT NULL, CAST(coalesce(sum(n), 0) AS BIGINT), NULL, NULL, NULL FROM cells WHERE k0 = {unknown}
            """;
    }
}
