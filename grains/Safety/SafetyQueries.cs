using System.Diagnostics;
using Linkage.Cohorts;
using Linkage.Disclosure;
using Microsoft.Extensions.Options;

namespace Linkage.Safety;

/// <summary>
/// Answers safety-v1 sequence symmetry analyses over the live index: every partition counts its people, the counts
/// add up, the ratios are computed once over the whole population. Researchers get cohort-v1's small-cell control
/// with the server's floor and, when the deployment turns it on, its cell-key perturbation; the authority reads
/// exact counts.
/// </summary>
public sealed class SafetyQueries(IndexQueries index, TimeProvider clock, IOptions<LinkageCohortOptions> options)
{
    private readonly CellPerturbation? _perturbation = options.Value.CellPerturbation();

    /// <summary>The floor under every request's <c>minCell</c>.</summary>
    public int MinCellFloor => options.Value.MinCellFloor;

    /// <exception cref="Engine.EngineUnavailableException">The cluster is recovering from its logs.</exception>
    public async Task<SsaAnswer> SequenceSymmetryAsync(SsaRequest request, bool exact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asOf = clock.GetUtcNow();
        var rule = exact ? null : new CellRule(Math.Max(request.MinCell, MinCellFloor), _perturbation);
        var partials = await index.RunAsync<SsaPartial>(new SsaQuery { Request = request, Keyed = rule?.Perturbed == true }, cancellationToken);
        var counts = SsaCountsMerge.Merge(partials.Select(p => p.Counts));
        return SsaAnswers.Publish(request, counts, asOf, rule);
    }
}
