using System.Collections.Concurrent;
using Linkage.Linking;

namespace Linkage.People;

/// <summary>
/// This silo's memory of merges (component → the component it was merged into), so that routing rarely calls a
/// merged-away component. A merge is forever, so what this holds stays true, except after a crash took a merge that
/// was not yet in a snapshot: recovery therefore clears it and walks the components themselves.
/// </summary>
public sealed class ComponentForwards
{
    private readonly ConcurrentDictionary<ComponentId, ComponentId> _forwards = new();

    public int Count => _forwards.Count;

    public void Record(ComponentId merged, ComponentId survivor)
    {
        if (merged != survivor) _forwards[merged] = survivor;
    }

    /// <summary>The furthest component known along <paramref name="component"/>'s forwards (itself when none is known).</summary>
    public ComponentId Resolve(ComponentId component)
    {
        var current = component;
        var hops = 0;
        for (; _forwards.TryGetValue(current, out var next) && hops < 64; hops++) current = next;

        // Shortened only when it was long: writing takes a lock, and every batch reads these.
        if (hops > 1) _forwards[component] = current;
        return current;
    }

    public void Clear() => _forwards.Clear();
}
