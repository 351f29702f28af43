namespace Linkage.Cohorts;

/// <summary>One partition's answer to an <see cref="IndexQuery"/>; the partitions' partials merge associatively.</summary>
[GenerateSerializer, Immutable, Alias("linkage.IndexPartial")]
public abstract record IndexPartial;
