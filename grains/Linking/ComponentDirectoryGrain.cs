using System.Collections.Immutable;
using Linkage.Hosting;

namespace Linkage.Linking;

/// <summary>One partition of the directory of surviving components.</summary>
public sealed class ComponentDirectoryGrain(
    [PersistentState("directory", LinkageStorage.Keys)] IPersistentState<ComponentDirectoryState> state) : Grain, IComponentDirectoryGrain
{
    public async Task Register(string componentId)
    {
        if (state.State.Components.Add(componentId)) await state.WriteOrDeactivateAsync(this);
    }

    public async Task Unregister(string componentId)
    {
        if (state.State.Components.Remove(componentId)) await state.WriteOrDeactivateAsync(this);
    }

    public Task<ImmutableArray<string>> GetComponents() =>
        Task.FromResult(state.State.Components.Order(StringComparer.Ordinal).ToImmutableArray());
}
