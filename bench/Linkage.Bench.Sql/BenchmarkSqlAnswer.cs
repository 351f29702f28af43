using System.Collections.Immutable;

namespace Linkage.Bench.Sql;

/// <summary>What <see cref="BenchmarkSql"/> answers: the people without a facility, and every attributed facility.</summary>
public sealed record BenchmarkSqlAnswer(long Unattributed, ImmutableArray<FacilitySqlRow> Facilities);
