using Linkage.Linking;

namespace Linkage.Ingest;

/// <summary>The components that ingests changed since the last checkpoint took them: what the next one must flush.</summary>
public sealed class TouchedComponents
{
    private HashSet<ComponentId> _set = [];

    public int Count
    {
        get
        {
            lock (this) return _set.Count;
        }
    }

    public void Add(ComponentId component)
    {
        lock (this) _set.Add(component);
    }

    /// <summary>Adds a batch's components under one lock.</summary>
    public void AddRange(IEnumerable<ComponentId> components)
    {
        lock (this) _set.UnionWith(components);
    }

    /// <summary>Takes every component touched so far; later touches go to a new set.</summary>
    public HashSet<ComponentId> Take()
    {
        lock (this)
        {
            var taken = _set;
            _set = [];
            return taken;
        }
    }

    /// <summary>Gives back components a failed checkpoint could not flush.</summary>
    public void Return(IEnumerable<ComponentId> components)
    {
        lock (this) _set.UnionWith(components);
    }
}
