namespace Linkage.Feeds;

/// <summary>Who an event is about: linkage tokens only, with birth month, sex and prefecture.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.Subject")]
public sealed record Subject
{
    /// <summary>Lifelong medical ID token (<c>mid.</c> + 22 base64url characters).</summary>
    [Id(0)] public string? Mid { get; init; }

    /// <summary>Insurance enrolment token (<c>id1.</c>...).</summary>
    [Id(1)] public string? Id1 { get; init; }

    /// <summary>Name + birth + sex token (<c>id2.</c>...).</summary>
    [Id(2)] public string? Id2 { get; init; }

    /// <summary>Birth month, <c>YYYY-MM</c>.</summary>
    [Id(3)] public required string Birth { get; init; }

    [Id(4)] public required Sex Sex { get; init; }

    /// <summary>JIS X 0401 prefecture code <c>01</c>..<c>47</c>, when known.</summary>
    [Id(5)] public string? Pref { get; init; }

    /// <summary>The tokens this subject carries, in the order mid, id1, id2.</summary>
    public IEnumerable<string> Tokens()
    {
        if (Mid is not null) yield return Mid;
        if (Id1 is not null) yield return Id1;
        if (Id2 is not null) yield return Id2;
    }
}
