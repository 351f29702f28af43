using Linkage.Benchmarks;
using Microsoft.Extensions.Options;

namespace Linkage.Cohorts;

/// <summary>
/// Answers benchmark-v1 requests over the live index: every partition counts the indicator by entry facility,
/// stratum and outcome (<see cref="BenchmarkEvaluator"/>), the counts add up, and the answer is published with
/// disclosure control; facilities are pseudonymous unless the caller may see codes.
/// </summary>
public sealed class BenchmarkQueries(
    IndexQueries index, TimeProvider clock, IOptions<LinkageCohortOptions> cohorts, IOptions<LinkageBenchmarkOptions> options)
{
    private readonly FacilityPseudonyms _pseudonyms = options.Value.Pseudonyms();

    /// <summary>The floor under every request's <c>minCell</c> (the cohort queries' floor).</summary>
    public int MinCellFloor => cohorts.Value.MinCellFloor;

    /// <summary>The answer, and the indicator's people (attributed or not) for the audit log.</summary>
    /// <param name="codes">Show the facilities' codes (the authority role) rather than pseudonyms.</param>
    /// <exception cref="Engine.EngineUnavailableException">The cluster is recovering from its logs.</exception>
    public async Task<(BenchmarkAnswer Answer, long People)> RunAsync(BenchmarkRequest request, bool codes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asOf = clock.GetUtcNow();
        var partials = await index.RunAsync<BenchmarkPartial>(new BenchmarkQuery { Request = request }, cancellationToken);
        var counts = BenchmarkCounts.Of(request, CohortTallies.Sum(partials.Select(p => p.Tally)));
        var answer = BenchmarkAnswers.Publish(request, counts.Strata, counts.Unattributed, asOf, codes ? null : _pseudonyms);
        return (answer, counts.People);
    }
}
