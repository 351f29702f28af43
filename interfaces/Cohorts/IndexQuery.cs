namespace Linkage.Cohorts;

/// <summary>
/// A question every index partition answers over its people (a drug-safety analysis, a surveillance indicator, a
/// benchmark): each analytic derives a sealed query and registers the evaluator that answers it in each partition.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.IndexQuery")]
public abstract record IndexQuery;
