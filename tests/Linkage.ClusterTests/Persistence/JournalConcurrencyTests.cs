using System.Text;
using Azure.Storage.Blobs;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Storage;

namespace Linkage.ClusterTests.Persistence;

/// <summary>
/// Partition journals on Azurite when a dead silo's write lands late: the next owner's append that would follow a
/// record it never read is refused, and the base it writes instead is what every later read starts from.
/// </summary>
public sealed class JournalConcurrencyTests : IAsyncLifetime
{
    private Azurite _storage = null!;
    private string _prefix = null!;

    public async Task InitializeAsync()
    {
        _storage = await Azurite.StartAsync();
        _prefix = LinkageClusterFixture.NewPrefix();
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private AzureBlobPartitionJournal Silo() => new(new BlobServiceClient(_storage.ConnectionString), _prefix);

    [Fact]
    public async Task An_append_after_a_record_the_writer_never_read_is_refused_and_a_new_base_supersedes_both()
    {
        var dead = Silo();
        await dead.CompactAsync("index-0", Bytes("base 1"));
        await dead.AppendAsync("index-0", Bytes("delta from the dead silo, sent"));

        // The next owner reads; then the dead silo's write still in flight lands.
        var next = Silo();
        Assert.Equal(["base 1", "delta from the dead silo, sent"], Texts(await next.ReadAsync("index-0")));
        await dead.AppendAsync("index-0", Bytes("delta from the dead silo, late"));

        await Assert.ThrowsAsync<JournalConflictException>(() => next.AppendAsync("index-0", Bytes("delta from the next owner")));
        Assert.Equal(["base 1", "delta from the dead silo, sent", "delta from the dead silo, late"], Texts(await Silo().ReadAsync("index-0")));

        await next.CompactAsync("index-0", Bytes("base 2"));
        await next.AppendAsync("index-0", Bytes("delta after base 2"));
        Assert.Equal(["base 2", "delta after base 2"], Texts(await Silo().ReadAsync("index-0")));
    }

    [Fact]
    public async Task A_writer_that_only_appended_keeps_appending_without_reading_again()
    {
        var owner = Silo();
        await owner.CompactAsync("directory-3", Bytes("base"));
        for (var i = 0; i < 5; i++) await owner.AppendAsync("directory-3", Bytes($"delta {i}"));
        Assert.Equal(["base", "delta 0", "delta 1", "delta 2", "delta 3", "delta 4"], Texts(await Silo().ReadAsync("directory-3")));
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string[] Texts(IReadOnlyList<ReadOnlyMemory<byte>> records) => [.. records.Select(r => Encoding.UTF8.GetString(r.Span))];
}
