using Linkage.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Linkage.Silo.Hosting;

/// <summary>Ready only while the storage account answers.</summary>
public sealed class StorageHealthCheck(StorageAccount storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().FirstAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"storage does not answer: {ex.GetType().Name}: {FirstLine(ex.Message)}", ex);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
