using Linkage.Hosting;

namespace Linkage.Linking;

/// <summary>A routing key (token or record key) and the component its records live in.</summary>
public sealed class LinkageKeyGrain(
    [PersistentState("key", LinkageStorage.Keys)] IPersistentState<LinkageKeyState> state) : Grain, ILinkageKeyGrain
{
    public async Task<string> GetOrAssignComponent(string candidate)
    {
        if (state.State.Component is { } existing) return existing;
        state.State.Component = candidate;
        await state.WriteOrDeactivateAsync(this);
        return candidate;
    }

    public Task<string?> GetComponent() => Task.FromResult(state.State.Component);

    public async Task PointTo(string root)
    {
        // Merges only move ids down, so a smaller id is the same component further along its forwards.
        if (state.State.Component is { } current && string.CompareOrdinal(root, current) < 0)
        {
            state.State.Component = root;
            await state.WriteOrDeactivateAsync(this);
        }
    }
}
