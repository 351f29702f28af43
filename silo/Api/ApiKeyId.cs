using System.Security.Claims;

namespace Linkage.Silo.Api;

/// <summary>
/// The name by which logs and the audit log know an API key: <c>key-</c> + 12 hex digits of the key's SHA-256, or the
/// key's configured <c>Id</c>. It identifies the key without revealing it.
/// </summary>
public static class ApiKeyId
{
    /// <summary>The claim that carries it on an authenticated request.</summary>
    public const string ClaimType = "linkage:key-id";

    /// <summary>The id of a key that has no configured one.</summary>
    public static string Of(string key) => OfHash(ApiKey.HashOf(key));

    /// <summary>The id of a key that has no configured one, from its stored hash.</summary>
    public static string OfHash(string hash) => "key-" + hash.ToLowerInvariant()[..Math.Min(12, hash.Length)];

    /// <summary>The id of the key a request was authenticated with.</summary>
    public static string Of(ClaimsPrincipal user) => user.FindFirstValue(ClaimType) ?? "anonymous";
}
