namespace Linkage.Safety;

/// <summary>One step of an answer's attrition table: how many people are left (null when suppressed).</summary>
[GenerateSerializer, Immutable, Alias("linkage.AttritionStep")]
public sealed record AttritionStep(
    [property: Id(0)] string Step,
    [property: Id(1)] long? Count);
