using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Engine;
using Linkage.Storage;
using Orleans.Storage;

namespace Linkage.ClusterTests.Persistence;

/// <summary>
/// Optimistic concurrency of the snapshot store on Azurite: a write against a stale ETag loses without overwriting
/// what is stored, fails alone in its transaction (the others are sent again and committed), and reaches the API as a
/// transient failure (503: sending again is safe).
/// </summary>
public sealed class SnapshotConcurrencyTests : IAsyncLifetime
{
    private Azurite _storage = null!;
    private AzureTableSnapshotStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = await Azurite.StartAsync();
        _store = new AzureTableSnapshotStore(new TableServiceClient(_storage.ConnectionString), new BlobServiceClient(_storage.ConnectionString), LinkageClusterFixture.NewPrefix(), partitions: 1);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_write_against_a_stale_etag_loses_and_what_was_stored_stays()
    {
        var first = await _store.WriteAsync("k", Bytes("first"), null);
        await _store.WriteAsync("k", Bytes("second"), first);

        await Assert.ThrowsAsync<SnapshotConflictException>(() => _store.WriteAsync("k", Bytes("stale"), first));
        await Assert.ThrowsAsync<SnapshotConflictException>(() => _store.WriteAsync("k", Bytes("stale"), null));

        Assert.Equal("second", Text((await _store.ReadAsync("k"))!));
    }

    [Fact]
    public async Task A_stale_write_fails_alone_and_the_writes_sharing_its_transaction_are_committed()
    {
        var first = await _store.WriteAsync("shared", Bytes("first"), null);
        await _store.WriteAsync("shared", Bytes("second"), first);

        var others = Enumerable.Range(0, 40).Select(i => _store.WriteAsync($"other-{i}", Bytes($"v{i}"), null)).ToList();
        var stale = _store.WriteAsync("shared", Bytes("stale"), first);

        await Assert.ThrowsAsync<SnapshotConflictException>(() => stale);
        await Task.WhenAll(others);
        for (var i = 0; i < 40; i++) Assert.Equal($"v{i}", Text((await _store.ReadAsync($"other-{i}"))!));
        Assert.Equal("second", Text((await _store.ReadAsync("shared"))!));
    }

    [Fact]
    public async Task A_grains_stale_snapshot_write_is_an_inconsistent_state_the_api_answers_503()
    {
        var storage = new SnapshotGrainStorage(_store, new Utf8Serializer());
        var grain = GrainId.Create("component", "race");
        var mine = new GrainState<Note> { State = new Note { Text = "mine" } };
        var theirs = new GrainState<Note> { State = new Note { Text = "theirs" } };
        await storage.ReadStateAsync("s", grain, new GrainState<Note>());
        mine.ETag = theirs.ETag = null;
        await storage.WriteStateAsync("s", grain, theirs);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", grain, mine));

        Assert.True(TransientFailure.Is(conflict), "an ETag conflict is transient: the request is refused with 503 and sent again");
        var reread = new GrainState<Note>();
        await storage.ReadStateAsync("s", grain, reread);
        Assert.Equal("theirs", reread.State!.Text);
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredSnapshot snapshot) => Encoding.UTF8.GetString(snapshot.Data.Span);

    public sealed class Note
    {
        public string Text { get; set; } = "";
    }

    private sealed class Utf8Serializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);

        public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>()!;
    }
}
