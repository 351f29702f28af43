using System.Collections.Frozen;
using Linkage.Cohorts.Index;

namespace Linkage.Cohorts;

/// <summary>The evaluators registered in this silo (<c>AddIndexQueryEvaluator</c>), by the query type each answers.</summary>
public sealed class IndexQueryEvaluators(IEnumerable<IIndexQueryEvaluator> evaluators)
{
    private readonly FrozenDictionary<Type, IIndexQueryEvaluator> _byQuery = evaluators.ToFrozenDictionary(e => e.QueryType);

    /// <exception cref="ArgumentException">No evaluator answers the query's type.</exception>
    public IndexPartial Evaluate(IndexQuery query, CohortIndex index)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!_byQuery.TryGetValue(query.GetType(), out var evaluator))
        {
            throw new ArgumentException($"no index query evaluator is registered for {query.GetType().Name}", nameof(query));
        }

        return evaluator.Evaluate(query, index.Slices);
    }
}
