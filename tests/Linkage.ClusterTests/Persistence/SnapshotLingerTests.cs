using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Storage;

namespace Linkage.ClusterTests.Persistence;

/// <summary>
/// The snapshot store's partition writer fills its transactions on Azurite: writes queued within the linger go in
/// one transaction, a full one (100 entities) goes at once, a partial one once the linger has passed since its oldest
/// write, and a stale write still fails alone. Time is a fake clock moved only once the writer waits on it; the
/// transactions are the table <c>$batch</c> calls the client made, counted by the silo's <see cref="StorageRequestPolicy"/>.
/// </summary>
public sealed class SnapshotLingerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Transactions = "table POST $batch";
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    /// <summary>A bound on waits that the fake clock does not govern (Azurite's answers, retries included), never a measure.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private readonly string _prefix = LinkageClusterFixture.NewPrefix();
    private readonly WatchedClock _clock = new();
    private readonly StorageRequests _requests = new();

    [Fact]
    public async Task Writes_queued_in_a_partition_within_the_linger_go_in_one_transaction()
    {
        var store = await LingeringStoreAsync();

        var first = store.WriteAsync("k-0", Bytes("v0"), null);
        await _clock.ArmedAsync();
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        var rest = Enumerable.Range(1, 39).Select(i => store.WriteAsync($"k-{i}", Bytes($"v{i}"), null)).ToList();
        Assert.False(first.IsCompleted, "nothing is committed before the linger has passed");
        Assert.Equal(0, Sent());

        _clock.Advance(TimeSpan.FromMilliseconds(30));
        await Task.WhenAll([first, .. rest]).WaitAsync(Bound);

        Assert.Equal(1, Sent());
        for (var i = 0; i < 40; i++) Assert.Equal($"v{i}", Text((await store.ReadAsync($"k-{i}"))!));
    }

    [Fact]
    public async Task Writes_beyond_a_hundred_entities_split_into_full_transactions_sent_without_waiting()
    {
        var store = await LingeringStoreAsync();

        var writes = Enumerable.Range(0, 250).Select(i => store.WriteAsync($"k-{i}", Bytes($"v{i}"), null)).ToList();
        await Task.WhenAll(writes.Take(200)).WaitAsync(Bound);

        Assert.Equal(2, Sent());
        Assert.DoesNotContain(writes.Skip(200), w => w.IsCompleted);

        await _clock.ArmedAsync();
        _clock.Advance(Linger);
        await Task.WhenAll(writes).WaitAsync(Bound);

        Assert.Equal(3, Sent());
        Assert.Equal("v249", Text((await store.ReadAsync("k-249"))!));
    }

    [Fact]
    public async Task A_partial_transaction_is_committed_when_the_linger_has_passed_since_its_oldest_write()
    {
        var store = await LingeringStoreAsync();

        var writes = Enumerable.Range(0, 3).Select(i => store.WriteAsync($"k-{i}", Bytes($"v{i}"), null)).ToList();
        await _clock.ArmedAsync();
        _clock.Advance(Linger - TimeSpan.FromTicks(1));
        Assert.DoesNotContain(writes, w => w.IsCompleted);
        Assert.Equal(0, Sent());

        _clock.Advance(TimeSpan.FromTicks(1));
        await Task.WhenAll(writes).WaitAsync(Bound);
        Assert.Equal(1, Sent());

        // The writer is idle again: the next write lingers from its own arrival.
        var later = store.WriteAsync("k-3", Bytes("v3"), null);
        await _clock.ArmedAsync();
        Assert.False(later.IsCompleted);
        _clock.Advance(Linger);
        await later.WaitAsync(Bound);
        Assert.Equal(2, Sent());
    }

    [Fact]
    public async Task A_stale_write_in_a_lingering_transaction_fails_alone_and_the_others_are_sent_again_at_once()
    {
        var setup = new AzureTableSnapshotStore(new TableServiceClient(azurite.Storage.ConnectionString), new BlobServiceClient(azurite.Storage.ConnectionString), _prefix, partitions: 1);
        var first = await setup.WriteAsync("shared", Bytes("first"), null);
        await setup.WriteAsync("shared", Bytes("second"), first);
        var store = await LingeringStoreAsync();

        var others = Enumerable.Range(0, 40).Select(i => store.WriteAsync($"other-{i}", Bytes($"v{i}"), null)).ToList();
        var stale = store.WriteAsync("shared", Bytes("stale"), first);
        await _clock.ArmedAsync();
        _clock.Advance(Linger);

        await Assert.ThrowsAsync<SnapshotConflictException>(() => stale.WaitAsync(Bound));
        await Task.WhenAll(others).WaitAsync(Bound);
        Assert.Equal(2, Sent());
        for (var i = 0; i < 40; i++) Assert.Equal($"v{i}", Text((await store.ReadAsync($"other-{i}"))!));
        Assert.Equal("second", Text((await store.ReadAsync("shared"))!));
    }

    /// <summary>
    /// A store of one partition lingering on the fake clock, its table made (by a read), so that each write is queued
    /// before <c>WriteAsync</c> returns.
    /// </summary>
    private async Task<AzureTableSnapshotStore> LingeringStoreAsync()
    {
        // Counted per call, not per attempt: an attempt stalled on a loaded machine and sent again is still one transaction.
        var options = new TableClientOptions();
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        options.AddPolicy(new StorageRequestPolicy("table", _requests), HttpPipelinePosition.PerCall);
        var store = new AzureTableSnapshotStore(
            new TableServiceClient(azurite.Storage.ConnectionString, options), new BlobServiceClient(azurite.Storage.ConnectionString), _prefix, partitions: 1, Linger, _clock);
        Assert.Null(await store.ReadAsync("absent"));
        return store;
    }

    private long Sent() => _requests.Snapshot().GetValueOrDefault(Transactions);

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredSnapshot snapshot) => Encoding.UTF8.GetString(snapshot.Data.Span);
}
