using System.Buffers;

namespace Linkage.Cohorts.Index;

/// <summary>
/// The working arrays of a merge's sort (orders, keys, tails): rented from <see cref="ArrayPool{T}.Shared"/> up to a
/// partition's size, longer than asked for (callers pass their counts beside them); larger ones are allocated, so
/// that the shared pool never keeps a one-off index's hundreds of MB (a million people in one index).
/// </summary>
internal static class WorkingArrays
{
    /// <summary>About 18 events each of 16,000 people: a partition when a million people are in 64 of them.</summary>
    private const int MaxPooled = 1 << 18;

    public static T[] Rent<T>(int length) => length <= MaxPooled ? ArrayPool<T>.Shared.Rent(length) : new T[length];

    /// <summary>Gives back an array from <see cref="Rent{T}"/>; nothing may use it after.</summary>
    public static void Return<T>(T[] array)
    {
        if (array.Length <= MaxPooled) ArrayPool<T>.Shared.Return(array);
    }
}
