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
    private string _prefix = null!;

    public async Task InitializeAsync()
    {
        _storage = await Azurite.StartAsync();
        _prefix = LinkageClusterFixture.NewPrefix();
        _store = new AzureTableSnapshotStore(new TableServiceClient(_storage.ConnectionString), new BlobServiceClient(_storage.ConnectionString), _prefix, partitions: 1);
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

    [Fact]
    public async Task A_commit_whose_answer_was_lost_and_that_the_sdk_sent_again_is_recognised_as_the_writers_own()
    {
        var lose = new LoseAnswers { Remaining = 1 };
        var store = StoreWith(lose, retries: 3);

        var etag = await store.WriteAsync("lost", Bytes("first"), null);
        var next = await store.WriteAsync("lost", Bytes("second"), etag);

        Assert.Equal(1, lose.Lost);
        Assert.NotEqual(etag, next);
        Assert.Equal("second", Text((await store.ReadAsync("lost"))!));
    }

    [Fact]
    public async Task A_newer_write_replaces_an_earlier_one_of_ours_whose_answer_never_came_but_not_someone_elses()
    {
        var lose = new LoseAnswers();
        var store = StoreWith(lose, retries: 0);
        var first = await store.WriteAsync("unanswered", Bytes("base"), null);

        lose.Remaining = 1;
        await Assert.ThrowsAnyAsync<Exception>(() => store.WriteAsync("unanswered", Bytes("went in unanswered"), first));
        await store.WriteAsync("unanswered", Bytes("newer"), first);
        Assert.Equal("newer", Text((await store.ReadAsync("unanswered"))!));

        // Someone else's write over the same base is still a conflict.
        var theirs = await _store.WriteAsync("elsewhere", Bytes("base"), null);
        await _store.WriteAsync("elsewhere", Bytes("theirs"), theirs);
        await Assert.ThrowsAsync<SnapshotConflictException>(() => store.WriteAsync("elsewhere", Bytes("mine"), theirs));
        Assert.Equal("theirs", Text((await store.ReadAsync("elsewhere"))!));
    }

    /// <summary>A store on the same table whose client loses the answers of the next <see cref="LoseAnswers.Remaining"/> transactions after they committed.</summary>
    private AzureTableSnapshotStore StoreWith(LoseAnswers lose, int retries)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = retries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(lose, Azure.Core.HttpPipelinePosition.PerRetry);
        return new AzureTableSnapshotStore(new TableServiceClient(_storage.ConnectionString, options), new BlobServiceClient(_storage.ConnectionString), _prefix, partitions: 1);
    }

    /// <summary>Lets a batch (transaction) request reach storage, then throws as if its answer had been lost on the way back.</summary>
    private sealed class LoseAnswers : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        private int _remaining;
        private int _lost;

        /// <summary>How many more committed transactions lose their answer.</summary>
        public int Remaining { get => Volatile.Read(ref _remaining); set => Volatile.Write(ref _remaining, value); }

        /// <summary>How many answers were lost so far.</summary>
        public int Lost => Volatile.Read(ref _lost);

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (Remaining <= 0) return;
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Decrement(ref _remaining) >= 0)
            {
                Interlocked.Increment(ref _lost);
                throw new IOException("injected: the answer of a committed transaction was lost");
            }
        }
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
