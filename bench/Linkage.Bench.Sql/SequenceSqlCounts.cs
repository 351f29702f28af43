using System.Collections.Immutable;

namespace Linkage.Bench.Sql;

/// <summary>What <see cref="SequenceSql"/> counts: the population, its incident index people, and each marker's row.</summary>
public sealed record SequenceSqlCounts(long People, long IncidentIndex, ImmutableArray<MarkerSqlCounts> Markers);
