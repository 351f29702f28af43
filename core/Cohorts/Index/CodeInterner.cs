namespace Linkage.Cohorts.Index;

/// <summary>Numbers the distinct codes of a column as they arrive, then ranks them in ordinal order.</summary>
internal sealed class CodeInterner
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byChars;
    private readonly List<string> _codes = [];

    public CodeInterner()
    {
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        _byChars = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Intern(ReadOnlySpan<char> code)
    {
        if (_byChars.TryGetValue(code, out var id)) return id;
        var text = code.ToString();
        _ids.Add(text, _codes.Count);
        _codes.Add(text);
        return _codes.Count - 1;
    }

    public void Clear()
    {
        _ids.Clear();
        _codes.Clear();
    }

    public int Intern(string code)
    {
        if (_ids.TryGetValue(code, out var id)) return id;
        _ids.Add(code, _codes.Count);
        _codes.Add(code);
        return _codes.Count - 1;
    }

    /// <summary>The codes in ordinal order, and the rank of each interned id in it.</summary>
    public (string[] Sorted, int[] RankOfId) Ranked()
    {
        var sorted = _codes.ToArray();
        var ids = Enumerable.Range(0, sorted.Length).ToArray();
        Array.Sort(sorted, ids, StringComparer.Ordinal);
        var rank = new int[sorted.Length];
        for (var r = 0; r < ids.Length; r++) rank[ids[r]] = r;
        return (sorted, rank);
    }
}
