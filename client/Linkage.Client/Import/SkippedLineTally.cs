namespace Linkage.Client.Import;

/// <summary>Counts the lines an importer reads past, by file and reason, in the order the reasons first came up.</summary>
internal sealed class SkippedLineTally
{
    private readonly Dictionary<(string File, string Reason), int> _counts = [];
    private readonly List<(string File, string Reason)> _order = [];

    public IReadOnlyList<SkippedLines> All => [.. _order.Select(k => new SkippedLines(k.File, k.Reason, _counts[k]))];

    public void Add(string file, string reason, int lines = 1)
    {
        if (lines <= 0) return;
        if (!_counts.TryGetValue((file, reason), out var count)) _order.Add((file, reason));
        _counts[(file, reason)] = count + lines;
    }
}
