namespace Linkage.Linking;

/// <summary>Stored state of a directory partition: the surviving components whose id hashes to it.</summary>
[GenerateSerializer, Alias("linkage.ComponentDirectoryState")]
public sealed class ComponentDirectoryState
{
    [Id(0)] public HashSet<string> Components { get; set; } = [];
}
