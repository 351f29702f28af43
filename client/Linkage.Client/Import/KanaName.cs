using System.Text;

namespace Linkage.Client.Import;

/// <summary>Recognises a name written in kana (full- or half-width katakana, or hiragana), the form the id2 token is made from.</summary>
internal static class KanaName
{
    /// <summary>True when <paramref name="name"/> holds at least one kana and nothing but kana, the long-vowel mark, middle dot and spaces.</summary>
    public static bool IsKana(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        var text = name.Normalize(NormalizationForm.FormKC);
        var kana = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) continue;
            if (c is (>= '\u3041' and <= '\u3096') or (>= '\u309D' and <= '\u309E') or (>= '\u30A1' and <= '\u30FA') or (>= '\u30FD' and <= '\u30FE'))
            {
                kana++;
            }
            else if (c is not ('\u30FC' or '\u30FB' or '\u309B' or '\u309C'))
            {
                return false;
            }
        }

        return kana > 0;
    }
}
