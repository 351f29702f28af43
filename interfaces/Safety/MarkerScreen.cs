using Linkage.Feeds;

namespace Linkage.Safety;

/// <summary>
/// A screening's marker (safety-v1): every code of <see cref="Length"/> characters of one field of one kind
/// (<c>{"kind": "receipt", "codeLength": 3}</c>: every three-character diagnosis), each as a code-prefix criterion.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.MarkerScreen")]
public sealed record MarkerScreen
{
    [Id(0)] public required EventKind Kind { get; init; }

    /// <summary>The criterion field whose codes are screened: <c>code</c> or, for receipts, <c>drug</c>.</summary>
    [Id(1)] public required string Field { get; init; }

    /// <summary>Characters of a code prefix; codes shorter than this are not screened.</summary>
    [Id(2)] public required int Length { get; init; }
}
