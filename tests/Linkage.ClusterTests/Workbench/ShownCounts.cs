using System.Globalization;
using System.Text.Json;

namespace Linkage.ClusterTests.Workbench;

/// <summary>How the workbench and <c>linkage query</c> should show an answer's counts, written from the contract by hand.</summary>
internal static class ShownCounts
{
    /// <summary>A count: the number, a small cell as "&lt; minCell", a complementary one as "≥ minCell, hidden".</summary>
    public static string Text(JsonElement count, int minCell, bool complementary = false) =>
        count.ValueKind == JsonValueKind.Null
            ? complementary ? $"≥ {minCell}, hidden" : $"< {minCell}"
            : count.GetInt64().ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Whether an optional flag of the answer (<c>complementary</c>, <c>totalComplementary</c>) is true.</summary>
    public static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;
}
