using System.Collections.Immutable;

namespace Linkage.Surveillance;

/// <summary>The names of the defined indicators (key 0), durably.</summary>
[Alias("linkage.IIndicatorCatalogGrain")]
public interface IIndicatorCatalogGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task Add(string name);

    [Alias("Remove")]
    Task Remove(string name);

    [Alias("List")]
    Task<ImmutableArray<string>> List();
}
