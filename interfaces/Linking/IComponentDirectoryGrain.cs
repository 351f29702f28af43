using System.Collections.Immutable;

namespace Linkage.Linking;

/// <summary>One partition of the directory of surviving components, so exports need not guess grain ids.</summary>
[Alias("linkage.IComponentDirectoryGrain")]
public interface IComponentDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(string componentId);

    [Alias("Unregister")]
    Task Unregister(string componentId);

    [Alias("List")]
    Task<ImmutableArray<string>> GetComponents();
}
