using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Hosting;
using Linkage.Storage;

namespace Linkage.ClusterTests.Persistence;

/// <summary>
/// Snapshots are stored packed (<see cref="SnapshotEncoding"/>) on Azurite: what the entity holds is the packed form,
/// what is read back is what was written, and snapshots stored before packing existed are still read.
/// </summary>
public sealed class SnapshotEncodingStoreTests : IAsyncLifetime
{
    /// <summary>With one partition every key is filed here.</summary>
    private const string Partition = "p0000";

    private Azurite _storage = null!;
    private AzureTableSnapshotStore _store = null!;
    private TableClient _table = null!;

    public async Task InitializeAsync()
    {
        _storage = await Azurite.StartAsync();
        var prefix = LinkageClusterFixture.NewPrefix();
        _store = new AzureTableSnapshotStore(new TableServiceClient(_storage.ConnectionString), new BlobServiceClient(_storage.ConnectionString), prefix, partitions: 1);
        _table = new TableServiceClient(_storage.ConnectionString).GetTableClient(ClusterNames.SnapshotTable(prefix, partition: 0));
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_snapshot_is_stored_packed_in_its_entity_and_read_back_as_written()
    {
        var data = Person(records: 30);

        await _store.WriteAsync("person", data, null);

        var entity = (await _table.GetEntityAsync<TableEntity>(Partition, "person")).Value;
        Assert.Equal(SnapshotEncoding.Brotli, entity.GetString(SnapshotEncoding.Property));
        Assert.Equal(data.Length, entity.GetInt32(SnapshotEncoding.DecodedLengthProperty));
        var stored = entity.GetBinary("D0");
        Assert.True(stored.Length * 4 < data.Length, $"expected the entity to hold the packed snapshot: {stored.Length} bytes for {data.Length}");
        Assert.Equal(-1, stored.AsSpan().IndexOf("9f2c41d0"u8));
        Assert.Equal(data, (await _store.ReadAsync("person"))!.Data.ToArray());
    }

    [Fact]
    public async Task A_snapshot_stored_unpacked_by_an_earlier_version_is_read_as_it_is()
    {
        var data = Person(records: 3);
        await _store.ReadAsync("absent"); // the store makes its table on first use
        await _table.AddEntityAsync(new TableEntity(Partition, "earlier") { ["Length"] = data.Length, ["D0"] = data, ["Base"] = "", ["Hash"] = 0L });

        var read = await _store.ReadAsync("earlier");

        Assert.Equal(data, read!.Data.ToArray());
        Assert.NotNull(await _store.WriteAsync("earlier", Person(records: 4), read.ETag));
        Assert.Equal(Person(records: 4), (await _store.ReadAsync("earlier"))!.Data.ToArray());
    }

    [Fact]
    public async Task A_snapshot_too_large_for_an_entity_even_packed_goes_packed_to_a_blob_and_is_read_back_as_written()
    {
        // Random bytes do not pack: a megabyte of them and a long repetitive history packs to more than an entity holds.
        var noise = new byte[1024 * 1024];
        new Random(11).NextBytes(noise);
        var data = noise.Concat(Person(records: 5000)).ToArray();

        await _store.WriteAsync("vitals", data, null);

        var entity = (await _table.GetEntityAsync<TableEntity>(Partition, "vitals")).Value;
        Assert.NotNull(entity.GetString("Blob"));
        Assert.Equal(SnapshotEncoding.Brotli, entity.GetString(SnapshotEncoding.Property));
        Assert.Equal(data, (await _store.ReadAsync("vitals"))!.Data.ToArray());
    }

    /// <summary>A person's records as a snapshot would carry them: the same tokens and field names again and again.</summary>
    private static byte[] Person(int records) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, records).Select(i =>
        $"{{\"source\":\"hospital-a\",\"recordId\":\"r{i}\",\"version\":1,\"subject\":{{\"mid\":\"9f2c41d0a7b3e5f8c6d2a1b4e7f9c3d5a8b2e6f1c4d7a9b3e5f8c2d6a1b4e7f9\",\"birth\":\"1950-03\"}},\"code\":\"E11.{i % 10}\"}}")));
}
