namespace Linkage.Linking;

/// <summary>What a component did with a batch of record versions.</summary>
[GenerateSerializer, Immutable, Alias("linkage.ComponentAddResult")]
public sealed record ComponentAddResult
{
    /// <summary>Set when the component was merged away: nothing was applied, send the batch here instead.</summary>
    [Id(0)] public ComponentId? ForwardedTo { get; init; }

    /// <summary>Versions that changed the record (new, newer, or a retraction).</summary>
    [Id(1)] public int Accepted { get; init; }

    /// <summary>Versions equal to or lower than the stored one: nothing changed.</summary>
    [Id(2)] public int Duplicates { get; init; }

    /// <summary>Versions refused because they carry the anchor of a person who opted out.</summary>
    [Id(3)] public int OptedOut { get; init; }

    public static ComponentAddResult Forward(ComponentId to) => new() { ForwardedTo = to };
}
