using System.Diagnostics;
using Azure.Data.Tables;

namespace Linkage.Bench;

/// <summary>
/// The storage's raw rate of single-entity writes (one upsert per event, as an engine that writes per event would
/// do), with many writers at once: the unit the durable ingest goal is measured in.
/// </summary>
public static class TableWriteRate
{
    public static async Task<double> RunAsync(string connectionString, int writers, TimeSpan duration)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("benchwrites" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        var payload = new string('x', 300);
        long writes = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            var n = 0;
            while (clock.Elapsed < duration)
            {
                await table.UpsertEntityAsync(new TableEntity($"p{writer % 16}", $"{writer}-{n++}") { ["Event"] = payload });
                Interlocked.Increment(ref writes);
            }
        }));
        var rate = writes / clock.Elapsed.TotalSeconds;
        await table.DeleteAsync();
        return rate;
    }
}
