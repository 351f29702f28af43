namespace Linkage.Tests.Bench;

/// <summary>The bench's SQL tests share one exported population: generating, linking and loading it into DuckDB is their cost.</summary>
[CollectionDefinition(Name)]
public sealed class ExportedPeopleCollection : ICollectionFixture<CohortSqlTests.ExportedPeople>
{
    public const string Name = "Exported people";
}
