namespace Linkage.Cohorts.Index;

/// <summary>
/// Sorts a range that is mostly sorted already: in a merge, the rows of the old main segment come first and in
/// order, the delta's rows after them. Sorts the tail after the first descent and merges it into the head.
/// </summary>
internal static class TailSort
{
    /// <summary>Sorts <paramref name="keys"/>[from..to) ascending, moving <paramref name="items"/> with them.</summary>
    public static void Sort(long[] keys, int[] items, int from, int to)
    {
        var mid = FirstDescent(keys, from, to);
        if (mid == to) return;
        Array.Sort(keys, items, mid, to - mid);
        if (keys[mid - 1] <= keys[mid]) return;

        // The tail is copied aside, into rented arrays: a merge sorts the tails of every column.
        var tailKeys = WorkingArrays.Rent<long>(to - mid);
        var tailItems = WorkingArrays.Rent<int>(to - mid);
        Array.Copy(keys, mid, tailKeys, 0, to - mid);
        Array.Copy(items, mid, tailItems, 0, to - mid);
        int i = mid - 1, j = to - mid - 1, k = to - 1;
        while (j >= 0)
        {
            if (i >= from && keys[i] > tailKeys[j])
            {
                keys[k] = keys[i];
                items[k--] = items[i--];
            }
            else
            {
                keys[k] = tailKeys[j];
                items[k--] = tailItems[j--];
            }
        }

        WorkingArrays.Return(tailKeys);
        WorkingArrays.Return(tailItems);
    }

    /// <summary>Sorts <paramref name="values"/>[from..to) ascending.</summary>
    public static void Sort(int[] values, int from, int to)
    {
        var mid = FirstDescent(values, from, to);
        if (mid == to) return;
        Array.Sort(values, mid, to - mid);
        if (values[mid - 1] <= values[mid]) return;

        var tail = WorkingArrays.Rent<int>(to - mid);
        Array.Copy(values, mid, tail, 0, to - mid);
        int i = mid - 1, j = to - mid - 1, k = to - 1;
        while (j >= 0) values[k--] = i >= from && values[i] > tail[j] ? values[i--] : tail[j--];
        WorkingArrays.Return(tail);
    }

    private static int FirstDescent<T>(T[] values, int from, int to)
        where T : IComparable<T>
    {
        for (var i = from + 1; i < to; i++)
        {
            if (values[i].CompareTo(values[i - 1]) < 0) return i;
        }

        return to;
    }
}
