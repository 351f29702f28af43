namespace Linkage.Linking;

/// <summary>Stored state of a routing key: the component it was routed to.</summary>
[GenerateSerializer, Alias("linkage.LinkageKeyState")]
public sealed class LinkageKeyState
{
    [Id(0)] public string? Component { get; set; }
}
