using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>Group keys compared value by value, ordinal: the order of groups in tallies and answers.</summary>
public sealed class GroupKeyOrder : IComparer<ImmutableArray<string>>, IEqualityComparer<ImmutableArray<string>>
{
    public static GroupKeyOrder Instance { get; } = new();

    public int Compare(ImmutableArray<string> x, ImmutableArray<string> y)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var byValue = string.CompareOrdinal(x[i], y[i]);
            if (byValue != 0) return byValue;
        }

        return x.Length.CompareTo(y.Length);
    }

    public bool Equals(ImmutableArray<string> x, ImmutableArray<string> y) => x.AsSpan().SequenceEqual(y.AsSpan());

    public int GetHashCode(ImmutableArray<string> key)
    {
        var hash = new HashCode();
        foreach (var value in key) hash.Add(value, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
