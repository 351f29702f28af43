using System.Security.Cryptography;
using System.Text;

namespace Linkage.Silo.Api;

/// <summary>A bearer key as configuration stores it: the SHA-256 of the key (never the key), an optional id and the roles it carries.</summary>
public sealed class ApiKey
{
    /// <summary>Hex SHA-256 of the key's UTF-8 bytes, e.g. <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string Hash { get; set; } = string.Empty;

    /// <summary>The name logs and the audit log give the key; <c>key-</c> and 12 hex digits of its hash when not set.</summary>
    public string? Id { get; set; }

    public string[] Roles { get; set; } = [];

    /// <summary>Requests this key may make per rate-limit window; <c>Linkage:Api:RateLimit:PermitLimit</c> when not set.</summary>
    public int? PermitLimit { get; set; }

    /// <summary>The id logs and the audit log know the key by.</summary>
    public string KeyId => string.IsNullOrWhiteSpace(Id) ? ApiKeyId.OfHash(Hash) : Id;

    /// <summary>The hash configuration stores for <paramref name="key"/>.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <see cref="Hash"/> is 64 hex digits.</summary>
    public bool HasWellFormedHash => Hash.Length == 2 * SHA256.HashSizeInBytes && Hash.All(char.IsAsciiHexDigit);

    /// <summary>Whether <paramref name="presentedHash"/> (the SHA-256 of a presented key) is this key's, in time independent of where they differ.</summary>
    public bool Matches(ReadOnlySpan<byte> presentedHash)
    {
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        return Convert.FromHexString(Hash, stored, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == stored.Length
            && CryptographicOperations.FixedTimeEquals(stored, presentedHash);
    }
}
