using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linkage.Silo.Hosting;

/// <summary>Ready only while the storage account answers.</summary>
public sealed class StorageHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Memory storage (benchmarks) has no account to reach.
        if (services.GetService<TableServiceClient>() is not { } tables) return HealthCheckResult.Healthy("storage in memory");
        try
        {
            await tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().FirstAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("storage does not answer", ex);
        }
    }
}
