using Linkage.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Bench;

/// <summary>How the silo's components linked the versions they took: in place or by relinking, and what shadow linking found.</summary>
public static class LinkingReport
{
    public static string Of(BenchSilo silo)
    {
        var metrics = silo.Services.GetRequiredService<LinkageMetrics>();
        var (inPlace, relinked) = metrics.Linking;
        var (checks, mismatches) = metrics.ShadowLinking;
        var total = Math.Max(1, inPlace + relinked);
        var linking = $"linking: {inPlace:N0} versions in place ({100.0 * inPlace / total:N1}%), {relinked:N0} relinked";
        return checks == 0 ? linking : $"{linking}; shadow linking: {checks:N0} batches checked, {mismatches:N0} mismatches";
    }
}
