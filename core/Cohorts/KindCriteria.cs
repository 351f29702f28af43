using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>One row of cohort-v1's criterion table (<see cref="CriterionTable"/>).</summary>
/// <param name="Fields">The fields a criterion of the kind may give besides <c>kind</c> (and, in a window, <c>from</c> and <c>to</c>), in the contract's order.</param>
/// <param name="CodeField">The field that names the event's code: <c>code</c>, vital <c>type</c>, maternal <c>entry</c>.</param>
/// <param name="ByPrefix">Codes match by prefix; vital types and maternal entries match exactly.</param>
/// <param name="BoundsValue"><c>min</c> and <c>max</c> bound the event's value (lab and vital <c>value</c>, maternal <c>birthWeight</c>).</param>
/// <param name="HasFlag">The kind has a flag a criterion can ask for (surgery <c>complication</c>).</param>
public sealed record KindCriteria(EventKind Kind, IReadOnlyList<string> Fields, string CodeField, bool ByPrefix, bool BoundsValue, bool HasFlag);
