using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Linkage.Safety;

/// <summary>The outcome of reading a safety-v1 monitor: the monitor, or every problem with it (field path first).</summary>
public readonly record struct MonitorDefinitionResult(MonitorDefinition? Definition, ImmutableArray<string> Problems)
{
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool IsValid => Definition is not null;
}
