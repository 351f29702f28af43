using System.Collections.Concurrent;
using Linkage.Linking;

namespace Linkage.People;

/// <summary>
/// This silo's memory of merges (component → the component it was merged into), so that routing rarely calls a
/// merged-away component. A merge is forever, so what this holds stays true, except after a crash took a merge that
/// was not yet in a snapshot: recovery therefore clears it and walks the components themselves.
/// </summary>
/// <remarks>
/// Bounded: once the key directory's entries that named a merged component name its survivor instead, and that is in
/// the directory's journal, nothing this silo routes by reaches the merged component, and its forward goes
/// (<see cref="ToRepoint"/>, <see cref="Prune"/>; the argument is in docs/engine.md, "Forwards are pruned"). Should
/// an entry still name it after all (a batch that found the key before the repoint), the component itself answers
/// with its stored forward, which is learnt again here and repointed at the next round.
/// </remarks>
public sealed class ComponentForwards
{
    private readonly ConcurrentDictionary<ComponentId, ComponentId> _forwards = new();

    // Merged components recorded since their directory entries were last repointed.
    private readonly ConcurrentDictionary<ComponentId, byte> _unrepointed = new();

    public int Count => _forwards.Count;

    /// <summary>Forwards whose directory entries have not been repointed to their survivor yet.</summary>
    public int Unrepointed => _unrepointed.Count;

    public void Record(ComponentId merged, ComponentId survivor)
    {
        if (merged == survivor) return;
        _forwards[merged] = survivor;
        _unrepointed.TryAdd(merged, 0);
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

    /// <summary>Each merged component not yet repointed, with the furthest survivor known (chains collapse to their end).</summary>
    public IReadOnlyDictionary<ComponentId, ComponentId> ToRepoint()
    {
        var repoint = new Dictionary<ComponentId, ComponentId>(_unrepointed.Count);
        foreach (var merged in _unrepointed.Keys) repoint[merged] = Resolve(merged);
        return repoint;
    }

    /// <summary>
    /// Forgets the forwards of <paramref name="repointed"/>, whose directory entries now name their survivor durably.
    /// A forward recorded again meanwhile (another survivor, or learnt again from the component) stays for the next round.
    /// </summary>
    public void Prune(IReadOnlyDictionary<ComponentId, ComponentId> repointed)
    {
        foreach (var (merged, survivor) in repointed)
        {
            if (Resolve(merged) != survivor) continue;
            _unrepointed.TryRemove(merged, out _);
            _forwards.TryRemove(merged, out _);
        }
    }

    public void Clear()
    {
        _forwards.Clear();
        _unrepointed.Clear();
    }
}
