using System.Buffers.Text;

namespace Linkage.Tokens;

/// <summary>The form of a linkage token: <c>KIND.</c> + 22 base64url characters.</summary>
public static class LinkageToken
{
    /// <summary>Characters after the <c>KIND.</c> prefix: 16 bytes in unpadded base64url.</summary>
    public const int HashChars = 22;

    public static string Prefix(TokenKind kind) => kind switch
    {
        TokenKind.Mid => "mid",
        TokenKind.Id1 => "id1",
        TokenKind.Id2 => "id2",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>True when <paramref name="token"/> is a well-formed token of <paramref name="kind"/>.</summary>
    public static bool IsWellFormed(string? token, TokenKind kind)
    {
        if (token is null) return false;
        var prefix = Prefix(kind);
        if (token.Length != prefix.Length + 1 + HashChars || !token.StartsWith(prefix, StringComparison.Ordinal) || token[prefix.Length] != '.')
        {
            return false;
        }

        var hash = token.AsSpan(prefix.Length + 1);
        foreach (var c in hash)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')) return false;
        }

        // 22 characters carry 132 bits; a 16-byte hash leaves the last 4 bits zero.
        return Base64Url.IsValid(hash, out var decoded) && decoded == 16;
    }

    /// <summary>The kind a token names by its prefix, if it names one.</summary>
    public static TokenKind? KindOf(string token) =>
        token.StartsWith("mid.", StringComparison.Ordinal) ? TokenKind.Mid
        : token.StartsWith("id1.", StringComparison.Ordinal) ? TokenKind.Id1
        : token.StartsWith("id2.", StringComparison.Ordinal) ? TokenKind.Id2
        : null;
}
