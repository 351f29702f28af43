namespace Linkage.Linking;

/// <summary>Follows merged components' forwards to the surviving component.</summary>
public static class ComponentRoots
{
    public static async Task<string> FindAsync(IGrainFactory grains, string component)
    {
        var current = component;
        while (await grains.GetGrain<IComponentGrain>(current).GetForward() is { } next)
        {
            current = next;
        }

        return current;
    }

    /// <summary>The surviving component of a routing key, or null when no record with that key was routed.</summary>
    public static async Task<string?> OfKeyAsync(IGrainFactory grains, string key) =>
        await grains.GetGrain<ILinkageKeyGrain>(key).GetComponent() is { } component
            ? await FindAsync(grains, component)
            : null;
}
