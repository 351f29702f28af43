namespace Linkage.Linking;

/// <summary>How component ids spread over the directory's partitions.</summary>
public static class ComponentDirectory
{
    public const int Partitions = 256;

    /// <summary>A partition from a stable hash of the id (string.GetHashCode differs between processes).</summary>
    public static int PartitionOf(string componentId)
    {
        uint hash = 2166136261;
        foreach (var c in componentId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % Partitions);
    }
}
