using System.Globalization;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>cohort-v1's grouping table: the name of each group key and the values a person groups under.</summary>
public static class GroupValues
{
    /// <summary>The value of an outcome that happened.</summary>
    public const string Yes = "yes";

    /// <summary>The value of an outcome that did not happen.</summary>
    public const string No = "no";

    /// <summary>The <c>pref</c> value of a person whose latest record gives no prefecture.</summary>
    public const string UnknownPref = "unknown";

    /// <summary>The <c>facility</c> value of a person whose entry event is not a receipt or gives no facility.</summary>
    public const string UnknownFacility = "unknown";

    /// <summary>The names of the keys in <see cref="GroupKey"/> order, as <c>groupBy</c> and answers spell them.</summary>
    private static readonly string[] KeyNames = ["sex", "age10", "pref", "entryYear", "outcome", "facility"];

    private static readonly string[] AgeBands = ["0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+"];

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

    /// <summary>The number of <c>age10</c> bands: <c>0-9</c> (negative ages too) .. <c>90+</c>.</summary>
    public static int AgeBandCount => AgeBands.Length;

    /// <summary><c>M</c>, <c>F</c> or <c>U</c>.</summary>
    public static string Sex(Sex sex) => sex switch
    {
        Feeds.Sex.M => "M",
        Feeds.Sex.F => "F",
        Feeds.Sex.U => "U",
        _ => throw new ArgumentOutOfRangeException(nameof(sex), sex, "not a sex of events-v1"),
    };

    /// <summary>The <c>age10</c> band (0 for <c>0-9</c>, 9 for <c>90+</c>) of an age at entry.</summary>
    public static int AgeBand(int age) => Math.Clamp(age / 10, 0, AgeBands.Length - 1);

    /// <summary>The <c>age10</c> value of an age at entry; a negative age (entry before the birth month) is <c>0-9</c>.</summary>
    public static string Age10(int age) => AgeBands[AgeBand(age)];

    /// <summary>The text of age band <paramref name="band"/> (see <see cref="AgeBand"/>).</summary>
    public static string Age10OfBand(int band) => AgeBands[band];

    /// <summary>The prefecture code, or <c>unknown</c>.</summary>
    public static string Pref(string? pref) => pref ?? UnknownPref;

    /// <summary>The calendar year of the entry date, e.g. <c>2023</c>.</summary>
    public static string EntryYear(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    public static string EntryYear(DateOnly entry) => EntryYear(entry.Year);

    /// <summary>The entry receipt's facility code, or <c>unknown</c>.</summary>
    public static string Facility(string? facility) => facility ?? UnknownFacility;

    /// <summary><c>yes</c> or <c>no</c>.</summary>
    public static string Outcome(bool happened) => happened ? Yes : No;
}
