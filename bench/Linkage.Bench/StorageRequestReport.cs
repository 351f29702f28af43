using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Bench;

/// <summary>Storage requests per event over a pass, in total and by kind (the silo's <see cref="StorageRequests"/>).</summary>
public sealed class StorageRequestReport(StorageRequests requests)
{
    private IReadOnlyDictionary<string, long> _before = requests.Snapshot();
    private long _bytesBefore = requests.BodyBytes;

    public static StorageRequestReport? Of(BenchSilo silo) =>
        silo.Storage is null ? null : new StorageRequestReport(silo.Services.GetRequiredService<StorageRequests>());

    /// <summary>The requests since the last call, per event of <paramref name="lines"/>; starts the next interval.</summary>
    public string Since(int lines)
    {
        var now = requests.Snapshot();
        var bytes = requests.BodyBytes - _bytesBefore;
        _bytesBefore += bytes;
        var delta = now.Select(k => (k.Key, Count: k.Value - _before.GetValueOrDefault(k.Key))).Where(k => k.Count > 0).OrderByDescending(k => k.Count).ToList();
        _before = now;
        var total = delta.Sum(k => k.Count);
        return $"storage requests: {total:N0}, {(double)total / Math.Max(1, lines):N3} per event, bodies {bytes / 1e6:N1} MB ({bytes / (double)Math.Max(1, lines):N0} B per event) (" +
            string.Join(", ", delta.Select(k => $"{k.Key} {k.Count:N0}")) + ")";
    }
}
