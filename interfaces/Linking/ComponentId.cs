using System.IO.Hashing;
using System.Text;

namespace Linkage.Linking;

/// <summary>
/// The id of a component grain: a number derived from a routing key of the first records routed to it. Components
/// only merge into the smaller id, so calls between them go one way and concurrent merges converge.
/// </summary>
/// <remarks>
/// Two unrelated components that happened to get the same id would share one grain; people are computed inside a
/// component by the rules, so that could only cost time, never change who is who.
/// </remarks>
[GenerateSerializer, Immutable, Alias("linkage.ComponentId")]
public readonly record struct ComponentId([property: Id(0)] long Value) : IComparable<ComponentId>
{
    /// <summary>The id a new component gets from the routing key it is first found by (a stable hash, never negative).</summary>
    public static ComponentId For(RoutingKey key) =>
        new((long)(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(key.Value), seed: 0x6c696e6b) & long.MaxValue));

    /// <summary>What the key directory answers for a token whose person opted out: records carrying it are dropped.</summary>
    public static ComponentId OptedOut { get; } = new(-1);

    public int CompareTo(ComponentId other) => Value.CompareTo(other.Value);

    public static bool operator <(ComponentId a, ComponentId b) => a.Value < b.Value;

    public static bool operator >(ComponentId a, ComponentId b) => a.Value > b.Value;

    public static bool operator <=(ComponentId a, ComponentId b) => a.Value <= b.Value;

    public static bool operator >=(ComponentId a, ComponentId b) => a.Value >= b.Value;

    /// <summary>For logs and history: <c>c.</c> + 16 hex digits.</summary>
    public override string ToString() => "c." + Value.ToString("x16");

    /// <summary>Parses the <see cref="ToString"/> form.</summary>
    public static bool TryParse(string? text, out ComponentId id)
    {
        id = default;
        if (text is null || text.Length != 18 || !text.StartsWith("c.", StringComparison.Ordinal)) return false;
        if (!long.TryParse(text.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value) || value < 0) return false;
        id = new ComponentId(value);
        return true;
    }
}
