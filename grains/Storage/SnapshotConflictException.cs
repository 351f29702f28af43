namespace Linkage.Storage;

/// <summary>A snapshot write lost an optimistic-concurrency race: what is stored is not what the writer read.</summary>
public sealed class SnapshotConflictException(string key, Exception? inner = null)
    : Exception($"snapshot {key} was written by someone else meanwhile", inner)
{
    public string Key { get; } = key;
}
