namespace Linkage.Tokens;

/// <summary>The three kinds of linkage token of events-v1.</summary>
public enum TokenKind
{
    /// <summary>The lifelong medical ID (医療等ID).</summary>
    Mid,

    /// <summary>An insurance enrolment; changes when the insurer changes.</summary>
    Id1,

    /// <summary>Kana name + birth date + sex; changes with the name and can collide.</summary>
    Id2,
}
