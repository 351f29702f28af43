namespace Linkage.Population;

/// <summary>Draws items with given relative weights (binary search over cumulative weights).</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedTable(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.Where(e => e.Weight > 0).ToList();
        if (list.Count == 0) throw new ArgumentException("a weighted table needs an item of positive weight", nameof(entries));
        _items = list.Select(e => e.Item).ToArray();
        _cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            total += list[i].Weight;
            _cumulative[i] = total;
        }
    }

    public T Draw(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        if (index < 0) index = ~index;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}
