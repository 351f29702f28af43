using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Linkage.Safety;

/// <summary>The outcome of reading a safety-v1 sequence symmetry request: the request, or every problem with it (field path first).</summary>
public readonly record struct SsaRequestResult(SsaRequest? Request, ImmutableArray<string> Problems)
{
    [MemberNotNullWhen(true, nameof(Request))]
    public bool IsValid => Request is not null;
}
