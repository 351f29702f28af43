namespace Linkage.Cohorts.Index;

/// <summary>
/// The distinct codes of one column, sorted ordinally so that the codes starting with a prefix are one contiguous
/// run, and where each code's entries lie in the column; the entries without a code come last.
/// </summary>
internal sealed class CodeRuns
{
    private readonly string[] _codes;
    private readonly int[] _starts;

    /// <param name="codes">Distinct, sorted ordinally.</param>
    /// <param name="starts">
    /// <c>codes.Length + 2</c> offsets: code i's entries are <c>[starts[i], starts[i + 1])</c>, and the entries
    /// without a code are <c>[starts[codes.Length], starts[codes.Length + 1])</c>.
    /// </param>
    public CodeRuns(string[] codes, int[] starts)
    {
        if (starts.Length != codes.Length + 2) throw new ArgumentException("one start per code, one for the entries without a code and one end", nameof(starts));
        _codes = codes;
        _starts = starts;
        EstimatedBytes = 48 + codes.Length * 8L + starts.Length * 4L + codes.Sum(c => 24L + 2 * c.Length);
    }

    public static CodeRuns Empty { get; } = new([], [0, 0]);

    /// <summary>Every entry, with a code or not.</summary>
    public int Entries => _starts[^1];

    public int Codes => _codes.Length;

    public string Code(int index) => _codes[index];

    /// <summary>The entries of code <paramref name="index"/>; <see cref="Codes"/> gives the entries without a code.</summary>
    public (int From, int To) RunOf(int index) => (_starts[index], _starts[index + 1]);

    /// <summary>The arrays and the code strings.</summary>
    public long EstimatedBytes { get; }

    /// <summary>
    /// The distinct first <paramref name="length"/> characters of the codes at least that long, in order: every code
    /// prefix of that length a screening takes as a criterion.
    /// </summary>
    public IEnumerable<string> Prefixes(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        string? last = null;
        foreach (var code in _codes)
        {
            if (code.Length < length) continue;
            if (last is not null && code.AsSpan(0, length).SequenceEqual(last)) continue;
            last = code[..length];
            yield return last;
        }
    }

    /// <summary>The entries whose code starts with <paramref name="prefix"/> (ordinal).</summary>
    public (int From, int To) WithPrefix(string prefix)
    {
        var first = LowerBound(prefix);
        int low = first, high = _codes.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_codes[mid].StartsWith(prefix, StringComparison.Ordinal)) low = mid + 1;
            else high = mid;
        }

        return (_starts[first], _starts[low]);
    }

    /// <summary>The entries whose code is <paramref name="code"/>.</summary>
    public (int From, int To) Exactly(string code)
    {
        var index = LowerBound(code);
        return index < _codes.Length && string.Equals(_codes[index], code, StringComparison.Ordinal)
            ? (_starts[index], _starts[index + 1])
            : (0, 0);
    }

    private int LowerBound(string value)
    {
        int low = 0, high = _codes.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(_codes[mid], value) < 0) low = mid + 1;
            else high = mid;
        }

        return low;
    }
}
