using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Linkage.Benchmarks;

/// <summary>The outcome of reading a benchmark-v1 request: the request, or every problem with it (field path first).</summary>
public readonly record struct BenchmarkRequestResult(BenchmarkRequest? Request, ImmutableArray<string> Problems)
{
    [MemberNotNullWhen(true, nameof(Request))]
    public bool IsValid => Request is not null;
}
