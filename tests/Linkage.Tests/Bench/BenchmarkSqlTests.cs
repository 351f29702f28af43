using Linkage.Bench.Sql;
using Linkage.Benchmarks;
using Linkage.Cohorts;

namespace Linkage.Tests.Bench;

/// <summary>
/// The facility benchmark's baseline, benchmark-v1's observed and expected counts in DuckDB's SQL over the Parquet
/// export, held to the reference evaluator's counts standardised by the product's tested indirect standardisation.
/// </summary>
[Collection(ExportedPeopleCollection.Name)]
public sealed class BenchmarkSqlTests(CohortSqlTests.ExportedPeople people)
{
    public static TheoryData<string, string> Requests => new()
    {
        { "any receipt, death within 30 days, by sex and age10", """{"indicator": {"entry": {"kind": "receipt"}, "outcome": {"kind": "death", "from": 0, "to": 30}}}""" },
        { "E11, death within 3650 days, sex, age10, pref", """
            {"indicator": {"entry": {"kind": "receipt", "code": "E11"}, "outcome": {"kind": "death", "from": 0, "to": 3650}}, "adjust": ["sex", "age10", "pref"]}
            """ },
        { "I10 in a period, a later K29 receipt, no adjustment", """
            {"indicator": {"entry": {"kind": "receipt", "code": "I10"}, "period": {"from": "2020-01-01", "to": "2023-12-31"},
                           "outcome": {"kind": "receipt", "code": "K29", "from": 1, "to": 730}}, "adjust": []}
            """ },
        { "a lab entry (no facility), death", """{"indicator": {"entry": {"kind": "lab", "code": "3D046"}, "outcome": {"kind": "death", "from": 0}}}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void DuckDB_attributes_and_standardises_as_the_reference_counts_do(string name, string json)
    {
        var parsed = BenchmarkRequestParser.Parse(json, minCellFloor: 10);
        Assert.True(parsed.Request is not null, $"{name}: {string.Join("; ", parsed.Problems)}");
        var request = parsed.Request!;
        var counts = BenchmarkCounts.Of(request, CohortEvaluator.Count(BenchmarkCounts.Counting(request), people.People));
        var expected = IndirectStandardisation.Of(counts.Strata);

        var answered = people.Database.Benchmark(BenchmarkSql.Of(request));

        Assert.Equal(counts.Unattributed, answered.Unattributed);
        Assert.Equal(expected.Select(f => f.Facility), answered.Facilities.Select(f => f.Facility).Order(StringComparer.Ordinal));
        var byFacility = answered.Facilities.ToDictionary(f => f.Facility, StringComparer.Ordinal);
        foreach (var facility in expected)
        {
            var row = byFacility[facility.Facility];
            Assert.Equal((facility.People, facility.Observed), (row.People, row.Observed));
            Assert.Equal(facility.Expected, row.Expected, 9);
            Assert.True(facility.Smr is null ? row.Smr is null : row.Smr is { } smr && Math.Abs(smr - facility.Smr.Value) < 1e-9,
                $"{name}, {facility.Facility}: smr {row.Smr} in SQL, {facility.Smr} standardised");
        }

        Assert.True(counts.People > 0, $"{name}: no one in the indicator's cohort");
    }
}
