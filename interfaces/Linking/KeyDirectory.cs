namespace Linkage.Linking;

/// <summary>How routing keys spread over the key directory's partitions.</summary>
public static class KeyDirectory
{
    /// <summary>
    /// The partition of a key hash among <paramref name="partitions"/> (a deployment's fixed number: changing it
    /// would file keys elsewhere). The high bits choose, so the partition's own hash table still sees the low ones.
    /// </summary>
    public static int PartitionOf(ulong keyHash, int partitions) => (int)((keyHash >> 32) % (uint)partitions);
}
