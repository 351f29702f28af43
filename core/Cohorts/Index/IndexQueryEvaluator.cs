namespace Linkage.Cohorts.Index;

/// <summary>The typed form of <see cref="IIndexQueryEvaluator"/>: what an analytic writes.</summary>
public abstract class IndexQueryEvaluator<TQuery, TPartial> : IIndexQueryEvaluator
    where TQuery : IndexQuery
    where TPartial : IndexPartial
{
    public Type QueryType => typeof(TQuery);

    /// <summary>This partition's partial answer: one pass over each slice's people.</summary>
    public abstract TPartial Evaluate(TQuery query, IReadOnlyList<IndexSlice> slices);

    IndexPartial IIndexQueryEvaluator.Evaluate(IndexQuery query, IReadOnlyList<IndexSlice> slices) =>
        Evaluate(query as TQuery ?? throw new ArgumentException($"{GetType().Name} answers {typeof(TQuery).Name}, not {query?.GetType().Name ?? "null"}", nameof(query)), slices);
}
