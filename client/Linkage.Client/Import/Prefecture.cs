using System.Text;
using Linkage.Feeds;

namespace Linkage.Client.Import;

/// <summary>JIS X 0401 prefecture codes (<c>01</c>..<c>47</c>) from a code or a prefecture's name, as operators' sources write them.</summary>
internal static class Prefecture
{
    /// <summary>Reads <c>13</c>, <c>1</c>, <c>東京都</c> or <c>東京</c> as a two-digit JIS code.</summary>
    public static bool TryParse(string? text, out string code)
    {
        code = string.Empty;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Normalize(NormalizationForm.FormKC).Trim();
        if (value.Length <= 2 && value.All(char.IsAsciiDigit))
        {
            // The code events-v1 takes is core's to say (01..47).
            if (FeedFormats.Prefecture(value.PadLeft(2, '0')) is not { } known) return false;
            code = known;
            return true;
        }

        if (PrefectureTable.CodeOfName(value) is not { } byName) return false;
        code = byName;
        return true;
    }
}
