using System.Text;
using Linkage.Storage;

namespace Linkage.Tests.Engine;

public sealed class SnapshotEncodingTests
{
    [Fact]
    public void A_snapshot_that_repeats_its_tokens_is_stored_packed_and_decodes_to_its_bytes()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i => $"{{\"recordId\":\"r{i}\",\"mid\":\"9f2c41d0a7b3e5f8c6d2a1b4e7f9c3d5a8b2e6f1c4d7a9b3e5f8c2d6a1b4e7f9\",\"code\":\"E11.{i % 10}\"}}")));

        var (stored, encoding) = SnapshotEncoding.Encode(data);

        Assert.Equal(SnapshotEncoding.Brotli, encoding);
        Assert.True(stored.Length * 5 < data.Length, $"expected the repeated token packed to a fifth at most: {stored.Length} of {data.Length} bytes");
        Assert.Equal(data, SnapshotEncoding.Decode(stored, encoding, data.Length));
    }

    [Fact]
    public void Bytes_that_do_not_pack_smaller_are_stored_as_they_are()
    {
        var data = new byte[4096];
        new Random(7).NextBytes(data);

        var (stored, encoding) = SnapshotEncoding.Encode(data);

        Assert.Null(encoding);
        Assert.Equal(data, stored);
        Assert.Equal(data, SnapshotEncoding.Decode(stored, encoding, data.Length));
    }

    [Fact]
    public void An_unknown_encoding_or_packed_bytes_of_another_length_are_refused_not_read_as_a_snapshot()
    {
        var (stored, encoding) = SnapshotEncoding.Encode(Encoding.UTF8.GetBytes(new string('a', 1000)));

        Assert.Contains("'zstd'", Assert.Throws<InvalidDataException>(() => SnapshotEncoding.Decode(stored, "zstd", 1000)).Message);
        Assert.Throws<InvalidDataException>(() => SnapshotEncoding.Decode(stored, encoding, 999));
        Assert.Throws<InvalidDataException>(() => SnapshotEncoding.Decode(stored[..^2], encoding, 1000));
    }
}
