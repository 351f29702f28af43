namespace Linkage.Cohorts.Index;

/// <summary>Answers one type of <see cref="IndexQuery"/> over the slices of an index partition.</summary>
public interface IIndexQueryEvaluator
{
    /// <summary>The type of query it answers.</summary>
    Type QueryType { get; }

    /// <exception cref="ArgumentException">The query is not of <see cref="QueryType"/>.</exception>
    IndexPartial Evaluate(IndexQuery query, IReadOnlyList<IndexSlice> slices);
}
