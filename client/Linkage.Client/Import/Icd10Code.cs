using System.Text;
using System.Text.RegularExpressions;

namespace Linkage.Client.Import;

/// <summary>ICD-10 codes as events-v1 writes them (<c>E11.9</c>, <c>I21</c>) and the <c>JP:</c> + 7-digit fallback for unmapped receipt disease codes.</summary>
internal static partial class Icd10Code
{
    /// <summary>Prefix of a receipt disease code (傷病名コード) kept because no ICD-10 mapping was available.</summary>
    public const string JapanesePrefix = "JP:";

    [GeneratedRegex("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Formatted();

    [GeneratedRegex("^JP:[0-9]{7}$")]
    private static partial Regex Japanese();

    /// <summary>Normalises <c>E119</c>, <c>e11.9</c> or <c>Ｅ１１９</c> to <c>E11.9</c>: the dot goes after the third character.</summary>
    public static bool TryNormalize(string? raw, out string code)
    {
        code = string.Empty;
        if (string.IsNullOrWhiteSpace(raw)) return false;
        var text = raw.Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();

        // Masters mark dagger/asterisk pairs; the mark is not part of the code.
        text = text.TrimEnd('*', '+', '†', '＊').Replace(".", string.Empty, StringComparison.Ordinal);
        if (text.Length < 3) return false;
        var formatted = text.Length == 3 ? text : text[..3] + "." + text[3..];
        if (!Formatted().IsMatch(formatted)) return false;
        code = formatted;
        return true;
    }

    /// <summary>The <c>JP:</c> form of a 7-digit receipt disease code.</summary>
    public static string Japanese(string diseaseCode) => JapanesePrefix + diseaseCode;

    /// <summary>True for a code events-v1 accepts as a diagnosis: a formatted ICD-10 code or <c>JP:</c> + 7 digits.</summary>
    public static bool IsEventCode(string code) => Formatted().IsMatch(code) || Japanese().IsMatch(code);

    /// <summary>True for a formatted ICD-10 code.</summary>
    public static bool IsIcd10(string code) => Formatted().IsMatch(code);
}
