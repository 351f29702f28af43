namespace Linkage.Linking;

/// <summary>Union-find over the integers 0..n-1 (union by size, path halving): near-constant time per operation.</summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public DisjointSets(int count)
    {
        _parent = new int[count];
        _size = new int[count];
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }
    }

    public int Find(int item)
    {
        while (_parent[item] != item)
        {
            _parent[item] = _parent[_parent[item]];
            item = _parent[item];
        }

        return item;
    }

    /// <summary>Joins the sets of <paramref name="a"/> and <paramref name="b"/>; true when they were apart.</summary>
    public bool Union(int a, int b)
    {
        var rootA = Find(a);
        var rootB = Find(b);
        if (rootA == rootB) return false;
        if (_size[rootA] < _size[rootB]) (rootA, rootB) = (rootB, rootA);
        _parent[rootB] = rootA;
        _size[rootA] += _size[rootB];
        return true;
    }

    /// <summary>
    /// A dense number 0..k-1 for each item's set, numbered in order of the set's first item, so the numbering
    /// depends only on the sets and the item order, never on which root union-find happened to pick.
    /// </summary>
    public int[] DenseSetNumbers(out int setCount)
    {
        var numberOfRoot = new int[_parent.Length];
        Array.Fill(numberOfRoot, -1);
        var numbers = new int[_parent.Length];
        setCount = 0;
        for (var i = 0; i < _parent.Length; i++)
        {
            var root = Find(i);
            if (numberOfRoot[root] < 0) numberOfRoot[root] = setCount++;
            numbers[i] = numberOfRoot[root];
        }

        return numbers;
    }
}
