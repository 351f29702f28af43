using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Linkage.Feeds;

namespace Linkage.Tokens;

/// <summary>Turns raw identity fields into events-v1 linkage tokens with the shared keyed hash.</summary>
/// <remarks>Operators run this at their own site so that raw identifiers never enter the platform.</remarks>
public sealed class LinkageTokenizer
{
    /// <summary>The secret of the contract's test vectors; for development only.</summary>
    public const string DevelopmentSecret = "linkage-dev-secret";

    private readonly byte[] _secret;

    public LinkageTokenizer(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Token of a lifelong medical ID.</summary>
    public string Mid(string medicalId) => Token(TokenKind.Mid, NormalizeText(medicalId));

    /// <summary>Token of an insurance enrolment.</summary>
    /// <param name="insurer">Insurer number; digits, left-padded with 0 to 8.</param>
    /// <param name="symbol">Insured symbol (記号).</param>
    /// <param name="number">Insured number (番号).</param>
    /// <param name="branch">Branch number (枝番), 2 digits, or null/empty when there is none.</param>
    public string Id1(string insurer, string symbol, string number, string? branch, DateOnly birthDate, Sex sex)
    {
        var insurerDigits = NormalizeText(insurer);
        if (insurerDigits.Length == 0 || insurerDigits.Length > 8 || !insurerDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"insurer number '{insurer}' must be 1 to 8 digits", nameof(insurer));
        }

        var branchText = NormalizeText(branch ?? string.Empty);
        if (branchText.Length != 0 && (branchText.Length > 2 || !branchText.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException($"branch number '{branch}' must be 2 digits or empty", nameof(branch));
        }

        if (branchText.Length == 1) branchText = "0" + branchText;

        return Token(
            TokenKind.Id1,
            insurerDigits.PadLeft(8, '0'),
            NormalizeText(symbol),
            NormalizeText(number),
            branchText,
            FormatDate(birthDate),
            sex.ToString());
    }

    /// <summary>Token of a kana name with birth date and sex.</summary>
    public string Id2(string kanaName, DateOnly birthDate, Sex sex) =>
        Token(TokenKind.Id2, NormalizeKanaName(kanaName), FormatDate(birthDate), sex.ToString());

    /// <summary>Sex from the Japanese codes 1 (male) and 2 (female), or from M/F/U.</summary>
    public static Sex ParseSex(string code) => code.Trim() switch
    {
        "1" or "M" or "m" => Sex.M,
        "2" or "F" or "f" => Sex.F,
        "U" or "u" or "0" or "9" or "" => Sex.U,
        _ => throw new ArgumentException($"sex '{code}' is not 1, 2, M, F or U", nameof(code)),
    };

    /// <summary>NFKC with every white-space character (U+3000 too) removed.</summary>
    public static string NormalizeText(string text)
    {
        var nfkc = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(nfkc.Length);
        foreach (var rune in nfkc.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune)) builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The text normalisation plus hiragana to katakana and Latin letters upper-cased.</summary>
    public static string NormalizeKanaName(string name)
    {
        var text = NormalizeText(name);
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= '\u3041' and <= '\u3096' or >= '\u309D' and <= '\u309E')
            {
                chars[i] = (char)(c + 0x60);
            }
            else if (char.IsAsciiLetterLower(c))
            {
                chars[i] = char.ToUpperInvariant(c);
            }
        }

        return new string(chars);
    }

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string Token(TokenKind kind, params string[] fields)
    {
        var prefix = LinkageToken.Prefix(kind);
        var message = Encoding.UTF8.GetBytes(prefix + "|" + string.Join('|', fields));
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_secret, message, hash);
        return prefix + "." + Base64Url.EncodeToString(hash[..16]);
    }
}
