namespace Linkage.Surveillance;

/// <summary>Stored state of the indicator catalog.</summary>
[GenerateSerializer, Alias("linkage.IndicatorCatalogState")]
public sealed class IndicatorCatalogState
{
    [Id(0)] public SortedSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}
