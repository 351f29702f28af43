using Linkage.Bench.Sql;
using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Safety;
using Linkage.Tests.Safety;

namespace Linkage.Tests.Bench;

/// <summary>
/// The drug-safety benchmark's baseline, safety-v1's sequence symmetry in DuckDB's SQL over the Parquet export, held to
/// the plain person-by-person count of the safety tests: so that the benchmark's answers cannot drift from the contract.
/// </summary>
[Collection(ExportedPeopleCollection.Name)]
public sealed class SequenceSqlTests(CohortSqlTests.ExportedPeople people)
{
    public static TheoryData<string, string> Requests => new()
    {
        { "drug 2149 then K29, the contract's defaults", """{"index": {"kind": "medication", "code": "2149"}, "marker": {"kind": "receipt", "code": "K29"}}""" },
        { "receipt drug 3969 then E78, run-in 0, window 90, a period", """
            {"index": {"kind": "receipt", "drug": "3969"}, "marker": {"kind": "receipt", "code": "E78"}, "runIn": 0, "window": 90,
             "period": {"from": "2019-06-01", "to": "2024-06-30"}}
            """ },
        { "lab 3D046 >= 6.5 then death", """{"index": {"kind": "lab", "code": "3D046", "min": 6.5}, "marker": {"kind": "death"}, "runIn": 30, "window": 3650}""" },
        { "drug 2149 against every three-character diagnosis", """{"index": {"kind": "medication", "code": "2149"}, "marker": {"kind": "receipt", "codeLength": 3}}""" },
        { "diagnosis I10 against every receipt drug of 4, run-in 0", """{"index": {"kind": "receipt", "code": "I10"}, "marker": {"kind": "receipt", "drugLength": 4}, "runIn": 0, "window": 180}""" },
        { "drug 3969 against every medication code of 7", """{"index": {"kind": "medication", "code": "3969"}, "marker": {"kind": "medication", "codeLength": 7}, "runIn": 90}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void DuckDB_counts_sequences_and_the_null_effect_sums_as_the_plain_count_does(string name, string json)
    {
        var parsed = SsaRequestParser.Parse(json, minCellFloor: 10);
        Assert.True(parsed.Request is not null, $"{name}: {string.Join("; ", parsed.Problems)}");
        var request = parsed.Request!;
        var expected = NaiveSsa.Count(request, [.. people.People.Select(p => PersonSummaries.Of(p.Person, p.Records))]);

        var counted = people.Database.Sequences(SequenceSql.Of(request));

        Assert.Equal(expected.People, counted.People);
        Assert.Equal(expected.IndexDays.Total, counted.IncidentIndex);
        Assert.Equal(expected.Markers.Select(m => m.Code), counted.Markers.Select(m => m.Code).Order(StringComparer.Ordinal));
        var byCode = counted.Markers.ToDictionary(m => m.Code, StringComparer.Ordinal);
        foreach (var marker in expected.Markers)
        {
            var row = byCode[marker.Code];
            Assert.Equal(
                (marker.MarkerDays.Total, marker.Both, marker.WithinWindow, marker.Ties, marker.IndexFirst, marker.MarkerFirst),
                (row.IncidentMarker, row.Both, row.WithinWindow, row.Ties, row.IndexFirst, row.MarkerFirst));
            var nsr = NullEffectRatio.Of(expected.IndexDays, marker.MarkerDays, request.Window);
            Assert.True(nsr is null ? row.Nsr is null : row.Nsr is { } n && Math.Abs(n - nsr.Value) <= 1e-12 * Math.Max(1, nsr.Value),
                $"{name}, {marker.Code}: nsr {row.Nsr} in SQL, {nsr} counted plainly");
        }

        Assert.True(expected.IndexDays.Total > 0 && expected.Markers.Length > 0, $"{name}: the generated people have no incident index or marker");
    }

    [Fact]
    public void Some_of_the_requests_count_sequences_on_both_sides()
    {
        var sequences = Requests.Select(r => SsaRequestParser.Parse((string)r[1], minCellFloor: 10).Request!)
            .SelectMany(r => people.Database.Sequences(SequenceSql.Of(r)).Markers)
            .Count(m => m.IndexFirst > 0 && m.MarkerFirst > 0);
        Assert.True(sequences >= 3, $"only {sequences} markers have sequences in both orders");
    }
}
