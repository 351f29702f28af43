using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Linkage.Benchmarks;

/// <summary>
/// benchmark-v1's facility pseudonyms for researchers: <c>f.</c> and 12 base64url characters (72 bits) of an
/// HMAC-SHA256 of the 10-digit code under a server secret. Stable across answers and unknown without the secret, so
/// a researcher can follow a facility from one indicator to the next without learning which one it is.
/// </summary>
public sealed class FacilityPseudonyms
{
    /// <summary>The shortest secret accepted: a guessable key would let anyone hash the ~180,000 codes and undo it.</summary>
    public const int MinSecretLength = 16;

    private readonly byte[] _key;

    public FacilityPseudonyms(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (secret.Length < MinSecretLength) throw new ArgumentException($"a pseudonym secret has at least {MinSecretLength} characters", nameof(secret));
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>The pseudonym of a facility code.</summary>
    public string Of(string facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(facility), hash);
        return "f." + Base64Url.EncodeToString(hash[..9]);
    }
}
