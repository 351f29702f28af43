using System.Globalization;

namespace Linkage.Surveillance;

/// <summary>How surveillance-v1 names a series' prefecture: JIS X 0401 "01".."47", "unknown" (0), and "all" for the country.</summary>
public static class PrefectureNames
{
    public const string All = "all";
    public const string Unknown = "unknown";

    public static string Of(int pref) => pref == 0 ? Unknown : pref.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Reads "01".."47" (or "1".."47"), "unknown" as 0; false otherwise. "all" is not a prefecture.</summary>
    public static bool TryParse(string text, out int pref)
    {
        pref = 0;
        if (text == Unknown) return true;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pref) && pref is >= 1 and <= 47;
    }
}
