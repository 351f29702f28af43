using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>
/// A person's id: <c>p.</c> + the person's anchor, which is their smallest token among mid, id1 and unambiguous id2,
/// or the routing key (<c>rec:source/recordId</c>) of their smallest record when they hold only ambiguous id2 tokens.
/// </summary>
/// <remarks>
/// Ids are unique: a mid or id1 belongs to one strong cluster, an unambiguous id2 to clusters that are joined into one
/// person, and a record to one person; <c>p.rec:</c> cannot begin <c>p.</c> + a token.
/// </remarks>
[GenerateSerializer, Immutable, Alias("linkage.PersonId")]
public readonly record struct PersonId
{
    public const string Prefix = "p.";

    private PersonId(RoutingKey anchor) => Anchor = anchor;

    /// <summary>What the id is made of: a token, or a record's routing key.</summary>
    [Id(0)] public RoutingKey Anchor { get; }

    /// <summary>The id as text, e.g. <c>p.mid.MZRYFSAvtkSoMYHjMvb1IQ</c>.</summary>
    public string Value => Prefix + Anchor.Value;

    public static PersonId ForAnchor(string token) => new(RoutingKey.ForToken(token));

    public static PersonId ForRecord(RecordKey record) => new(RoutingKey.ForRecord(record));

    /// <summary>Parses <c>p.</c> + a token or a <c>rec:source/recordId</c> key.</summary>
    public static bool TryParse(string? text, out PersonId id)
    {
        id = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        if (!RoutingKey.TryParse(text[Prefix.Length..], out var anchor)) return false;
        id = new PersonId(anchor);
        return true;
    }

    public override string ToString() => Value;
}
