using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Linkage.Silo.Hosting;

/// <summary>Ready only while this silo is an active member of the cluster.</summary>
public sealed class SiloHealthCheck(ILocalSiloDetails silo, ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(oracle.GetApproximateSiloStatus(silo.SiloAddress) == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {oracle.GetApproximateSiloStatus(silo.SiloAddress)}"));
}
