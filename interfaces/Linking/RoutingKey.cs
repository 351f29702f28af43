using System.IO.Hashing;
using System.Text;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Linking;

/// <summary>
/// A key a record is routed by: one of its subject's linkage tokens, or its own (source, recordId) as
/// <c>rec:source/recordId</c>. The record's own key keeps every version of a record in one component even when a
/// correction changes its tokens, so that the latest version can replace the earlier ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.RoutingKey")]
public readonly record struct RoutingKey
{
    /// <summary>Prefix of a record's own key; it cannot collide with a token (tokens are KIND. + base64url).</summary>
    public const string RecordPrefix = "rec:";

    private RoutingKey(string value) => Value = value;

    /// <summary>The key as text: a token, or <c>rec:source/recordId</c>.</summary>
    [Id(0)] public string Value { get; }

    /// <summary>True for a record's own key; false for a token.</summary>
    public bool IsRecord => Value.StartsWith(RecordPrefix, StringComparison.Ordinal);

    /// <summary>
    /// A stable 64-bit hash of the key (the same in every process and version), by which key directories file it.
    /// Two keys with the same hash share a directory entry, which can only put more records in one component:
    /// people are computed inside components, so that never changes who is who.
    /// </summary>
    public ulong Hash => HashOf(Value);

    /// <summary>The <see cref="Hash"/> of a token's key, without making the key.</summary>
    public static ulong HashOfToken(string token) => HashOf(token);

    /// <summary>The <see cref="Hash"/> of a record's own key, without making the key.</summary>
    public static ulong HashOfRecord(RecordKey record)
    {
        var length = RecordPrefix.Length + Encoding.UTF8.GetMaxByteCount(record.Source.Length + record.RecordId.Length + 1);
        var rented = length > StackBytes ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackBytes];
        var written = Encoding.UTF8.GetBytes(RecordPrefix, buffer);
        written += Encoding.UTF8.GetBytes(record.Source, buffer[written..]);
        buffer[written++] = (byte)'/';
        written += Encoding.UTF8.GetBytes(record.RecordId, buffer[written..]);
        var hash = XxHash64.HashToUInt64(buffer[..written]);
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    private const int StackBytes = 1024;

    private static ulong HashOf(string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = length > StackBytes ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackBytes];
        var hash = XxHash64.HashToUInt64(buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return hash;
    }

    /// <summary>The key of a linkage token already validated as events-v1 requires (only its prefix is checked here).</summary>
    public static RoutingKey ForToken(string token) =>
        LinkageToken.KindOf(token) is not null ? new RoutingKey(token) : throw new ArgumentException($"'{token}' is not a linkage token", nameof(token));

    /// <summary>The key of a record's own (source, recordId).</summary>
    public static RoutingKey ForRecord(RecordKey key) => new(RecordPrefix + key.Source + "/" + key.RecordId);

    /// <summary>The keys <paramref name="feedEvent"/> is routed by: its tokens (mid, id1, id2) and its own key.</summary>
    public static IEnumerable<RoutingKey> Of(FeedEvent feedEvent)
    {
        foreach (var token in feedEvent.Subject.Tokens()) yield return new RoutingKey(token);
        yield return ForRecord(feedEvent.Key);
    }

    /// <summary>Parses a token or a <c>rec:source/recordId</c> key.</summary>
    public static bool TryParse(string? text, out RoutingKey key)
    {
        key = default;
        if (text is null) return false;
        if (text.StartsWith(RecordPrefix, StringComparison.Ordinal))
        {
            var slash = text.IndexOf('/', RecordPrefix.Length);
            if (slash <= RecordPrefix.Length || slash == text.Length - 1) return false;
            key = new RoutingKey(text);
            return true;
        }

        if (LinkageToken.KindOf(text) is not { } kind || !LinkageToken.IsWellFormed(text, kind)) return false;
        key = new RoutingKey(text);
        return true;
    }

    /// <summary>The record a <c>rec:</c> key names; null for a token.</summary>
    public RecordKey? Record
    {
        get
        {
            if (!IsRecord) return null;
            var slash = Value.IndexOf('/', RecordPrefix.Length);
            return new RecordKey(Value[RecordPrefix.Length..slash], Value[(slash + 1)..]);
        }
    }

    public override string ToString() => Value;
}
