using System.Collections.Immutable;
using Linkage.Storage;

namespace Linkage.Surveillance;

/// <summary>The names of the defined indicators.</summary>
public sealed class IndicatorCatalogGrain(
    [PersistentState("indicators", LinkageStorage.State)] IPersistentState<IndicatorCatalogState> state) : Grain, IIndicatorCatalogGrain
{
    public async Task Add(string name)
    {
        if (state.State.Names.Add(name)) await state.WriteOrDeactivateAsync(this);
    }

    public async Task Remove(string name)
    {
        if (state.State.Names.Remove(name)) await state.WriteOrDeactivateAsync(this);
    }

    public Task<ImmutableArray<string>> List() => Task.FromResult(state.State.Names.ToImmutableArray());
}
