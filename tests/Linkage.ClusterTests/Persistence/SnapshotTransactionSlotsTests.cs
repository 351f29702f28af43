using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Storage;

namespace Linkage.ClusterTests.Persistence;

/// <summary>
/// The snapshot store sends at most its slots' worth of transactions at once across its partitions, on Azurite: the
/// other partitions' writers wait for a slot (gathering writes meanwhile) instead of piling transactions on storage
/// that serves them one at a time until they time out.
/// </summary>
public sealed class SnapshotTransactionSlotsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>A bound on waits for Azurite's answers, never a measure.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Partitions_beyond_the_slots_wait_for_one_and_every_write_is_committed()
    {
        var held = new HeldTransactions();
        var options = new TableClientOptions();
        options.AddPolicy(held, HttpPipelinePosition.PerCall);
        var store = new AzureTableSnapshotStore(new TableServiceClient(azurite.Storage.ConnectionString, options),
            new BlobServiceClient(azurite.Storage.ConnectionString), LinkageClusterFixture.NewPrefix(), partitions: 8, transactionsInFlight: 2);
        Assert.Null(await store.ReadAsync("absent"));

        var writes = Enumerable.Range(0, 80).Select(i => store.WriteAsync($"k-{i}", Bytes($"v{i}"), null)).ToList();
        await held.ArrivedAsync(2).WaitAsync(Bound);

        // Azurite answers a read after the partitions' writers have had their turn: any writer not held back by a
        // slot would have sent its transaction by now (they are queued as the writes are).
        Assert.Null(await store.ReadAsync("absent-too"));
        Assert.Equal(2, held.Arrived);

        held.Open();
        await Task.WhenAll(writes).WaitAsync(Bound);

        Assert.Equal(2, held.Most);
        Assert.True(held.Arrived >= 8, $"every partition of the 80 keys sent its writes ({held.Arrived} transactions)");
        for (var i = 0; i < 80; i++) Assert.Equal($"v{i}", Encoding.UTF8.GetString((await store.ReadAsync($"k-{i}"))!.Data.Span));
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
