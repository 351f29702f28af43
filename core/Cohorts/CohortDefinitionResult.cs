using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Linkage.Cohorts;

/// <summary>The outcome of reading a cohort-v1 definition: the definition, or every problem with it (field path first).</summary>
public readonly record struct CohortDefinitionResult(CohortDefinition? Definition, ImmutableArray<string> Problems)
{
    /// <summary>True when the definition was read; otherwise <see cref="Problems"/> says why not.</summary>
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null;

    internal static CohortDefinitionResult Valid(CohortDefinition definition) => new(definition, []);

    internal static CohortDefinitionResult Invalid(params IEnumerable<string> problems) => new(null, [.. problems]);
}
