namespace Linkage.Bench.Sql;

/// <summary>One facility of <see cref="BenchmarkSql"/>: its people, observed and expected outcomes and SMR, as SQL computed them.</summary>
public sealed record FacilitySqlRow(string Facility, long People, long Observed, double Expected, double? Smr);
