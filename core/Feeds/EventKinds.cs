namespace Linkage.Feeds;

/// <summary>The contract names of the event kinds (events-v1's <c>kind</c>), written once for every reader and writer.</summary>
public static class EventKinds
{
    /// <summary>The names in <see cref="EventKind"/> order, which is the contract's order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["receipt", "lab", "medication", "surgery", "vital", "maternal", "death"];

    /// <summary>The names as an array, for the readers that choose among them.</summary>
    internal static string[] Choices { get; } = [.. Names];

    public static string Name(EventKind kind) =>
        (int)kind >= 0 && (int)kind < Names.Count ? Names[(int)kind] : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an event kind");

    /// <summary>The kind a contract name names; false for any other text.</summary>
    public static bool TryParse(string? name, out EventKind kind)
    {
        var index = name is null ? -1 : Array.IndexOf(Choices, name);
        kind = (EventKind)Math.Max(index, 0);
        return index >= 0;
    }
}
