using Linkage.Hosting;
using Linkage.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Linkage.Silo.Hosting;

/// <summary>Ready only while the storage account answers, within <see cref="Timeout"/>.</summary>
public sealed class StorageHealthCheck(IOptions<LinkageStorageOptions> options, IServiceProvider services) : IHealthCheck
{
    /// <summary>How long a probe waits for storage: a hung account must answer 503, not hold the probe.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Memory storage (benchmarks) has no account to reach.
        if (options.Value.Provider == StorageProvider.Memory) return HealthCheckResult.Healthy("storage in memory");
        var storage = services.GetRequiredService<StorageAccount>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: deadline.Token).AsPages().FirstAsync(deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"storage did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The reason without the exception: probes run every few seconds, and a stack trace each time floods the log.
            return HealthCheckResult.Unhealthy($"storage does not answer: {ex.GetType().Name}: {ex.Message.Split('\n', 2)[0].Trim()}");
        }
    }
}
