using System.Text;
using Linkage.Feeds;

namespace Linkage.Client.Import;

/// <summary>Turns ICD-10 codes as operators' sources write them into the form events-v1 takes (<see cref="FeedFormats.IsIcd10Code"/>).</summary>
internal static class Icd10Code
{
    /// <summary>Normalises <c>E119</c>, <c>e11.9</c> or <c>Ｅ１１９</c> to <c>E11.9</c>: the dot goes after the third character.</summary>
    public static bool TryNormalize(string? raw, out string code)
    {
        code = string.Empty;
        if (string.IsNullOrWhiteSpace(raw)) return false;
        var text = raw.Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();

        // Masters mark dagger/asterisk pairs; the mark is not part of the code. A dot may only stand after the category.
        text = text.TrimEnd('*', '+', '†', '＊');
        if (text.Length > 3 && text[3] == '.') text = text.Remove(3, 1);
        if (text.Length < 3 || text.Contains('.', StringComparison.Ordinal)) return false;
        var formatted = text.Length == 3 ? text : text[..3] + "." + text[3..];
        if (!FeedFormats.IsIcd10Code(formatted)) return false;
        code = formatted;
        return true;
    }

    /// <summary>The <c>JP:</c> form of a 7-digit receipt disease code, kept where no ICD-10 code was found.</summary>
    public static string Japanese(string diseaseCode) => FeedFormats.JapaneseDiseasePrefix + diseaseCode;
}
