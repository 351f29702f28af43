using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Engine;
using Linkage.Hosting;
using Linkage.Storage;

namespace Linkage.ClusterTests.Persistence;

/// <summary>
/// Component snapshots are filed in a table per snapshot partition on Azurite (<see cref="SnapshotTableLayout"/>), and
/// snapshots stored in the one table of before are neither lost from sight nor mixed in: they are read in that layout and
/// refused, by the setting's name, in the other.
/// </summary>
public sealed class SnapshotTableLayoutTests : IAsyncLifetime
{
    private Azurite _storage = null!;

    public async Task InitializeAsync() => _storage = await Azurite.StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Each_snapshot_partition_is_filed_in_a_table_of_its_own()
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var store = Store(prefix, SnapshotTableLayout.TablePerPartition, partitions: 4);
        var keys = Enumerable.Range(0, 40).Select(i => $"component-{i}").ToList();

        foreach (var key in keys) await store.WriteAsync(key, Encoding.UTF8.GetBytes(key), etag: null);

        var tables = new TableServiceClient(_storage.ConnectionString);
        var names = new List<string>();
        await foreach (var table in tables.QueryAsync()) if (table.Name.StartsWith(prefix, StringComparison.Ordinal)) names.Add(table.Name);
        Assert.Equal(Enumerable.Range(0, 4).Select(p => ClusterNames.SnapshotTable(prefix, p)), names.Order(StringComparer.Ordinal));
        var stored = 0;
        for (var partition = 0; partition < 4; partition++)
        {
            await foreach (var entity in tables.GetTableClient(ClusterNames.SnapshotTable(prefix, partition)).QueryAsync<TableEntity>())
            {
                Assert.Equal($"p{partition:x4}", entity.PartitionKey);
                stored++;
            }
        }

        Assert.Equal(keys.Count, stored);
        foreach (var key in keys) Assert.Equal(key, Encoding.UTF8.GetString((await store.ReadAsync(key))!.Data.Span));
    }

    [Fact]
    public async Task Snapshots_in_the_one_table_of_before_are_read_in_that_layout_and_refused_by_name_in_the_other()
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var data = Encoding.UTF8.GetBytes("""{"records":["9f2c41d0"]}""");
        await Store(prefix, SnapshotTableLayout.OneTable, partitions: 4).WriteAsync("person", data, etag: null);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store(prefix, SnapshotTableLayout.TablePerPartition, partitions: 4).ReadAsync("person"));

        Assert.Contains("Linkage:Engine:SnapshotTables", refused.Message);
        Assert.Contains(ClusterNames.SnapshotTable(prefix), refused.Message);
        Assert.Equal(data, (await Store(prefix, SnapshotTableLayout.OneTable, partitions: 4).ReadAsync("person"))!.Data.ToArray());
    }

    private AzureTableSnapshotStore Store(string prefix, SnapshotTableLayout layout, int partitions) =>
        new(new TableServiceClient(_storage.ConnectionString), new BlobServiceClient(_storage.ConnectionString), prefix, partitions, layout: layout);
}
