using Linkage.Engine;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linkage.Silo.Hosting;

/// <summary>Ready only while the engine takes ingests: not while the cluster recovers from its logs.</summary>
public sealed class EngineHealthCheck(EngineGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(gate.Reason));
}
