using System.Globalization;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>cohort-v1's grouping table: the name of each group key and the values a person groups under.</summary>
public static class GroupValues
{
    /// <summary>The pref value of a person whose latest record gives no prefecture.</summary>
    public const string UnknownPref = "unknown";

    /// <summary>The names of the keys in <see cref="GroupKey"/> order, as <c>groupBy</c> and answers spell them.</summary>
    private static readonly string[] KeyNames = ["sex", "age10", "pref", "entryYear", "outcome"];

    private static readonly string[] Decades = ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"];

    /// <summary>Every key name, in <see cref="GroupKey"/> order.</summary>
    public static IReadOnlyList<string> Names => KeyNames;

    public static string Name(GroupKey key) => KeyNames[(int)key];

    /// <summary>The key called <paramref name="name"/> (exact spelling), if any.</summary>
    public static bool TryParse(string name, out GroupKey key)
    {
        var index = Array.IndexOf(KeyNames, name);
        key = (GroupKey)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary><c>M</c>, <c>F</c> or <c>U</c>: the enum's names are events-v1's spelling.</summary>
    public static string Sex(Sex sex) => sex.ToString();

    /// <summary>The decade of an age at entry; a negative age (entry before the birth month) groups as <c>0-9</c>.</summary>
    public static string Age10(int age) => Decades[Math.Clamp(age / 10, 0, Decades.Length - 1)];

    public static string Pref(string? pref) => pref ?? UnknownPref;

    public static string EntryYear(DateOnly entry) => entry.Year.ToString("D4", CultureInfo.InvariantCulture);

    public static string Outcome(bool yes) => yes ? "yes" : "no";
}
