using Azure.Data.Tables;
using Linkage.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Hosting;

/// <summary>Ready only while the storage account answers.</summary>
public sealed class StorageHealthCheck(IOptions<LinkageStorageOptions> storage) : IHealthCheck
{
    private readonly TableServiceClient _tables = new(storage.Value.ConnectionString);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await _tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().FirstAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("storage does not answer", ex);
        }
    }
}
