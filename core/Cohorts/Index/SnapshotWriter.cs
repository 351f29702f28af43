using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Linkage.Cohorts.Index;

/// <summary>Writes the compact binary form of index snapshots and encoded people: varints, doubles and UTF-8 strings.</summary>
internal readonly struct SnapshotWriter(IBufferWriter<byte> output)
{
    // Encoding people writes a few bytes at a time into an array buffer: called directly, its methods are inlined.
    private readonly ArrayBufferWriter<byte>? _array = output as ArrayBufferWriter<byte>;

    private Span<byte> GetSpan(int size) => _array is not null ? _array.GetSpan(size) : output.GetSpan(size);

    private void Advance(int count)
    {
        if (_array is not null) _array.Advance(count);
        else output.Advance(count);
    }

    public void Byte(byte value)
    {
        GetSpan(1)[0] = value;
        Advance(1);
    }

    /// <summary>An unsigned LEB128 varint.</summary>
    public void VarUInt(ulong value)
    {
        var span = GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        Advance(i);
    }

    /// <summary>A non-negative int as a varint.</summary>
    public void Count(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        VarUInt((ulong)value);
    }

    /// <summary>A signed value, zigzag-encoded so that small magnitudes are short.</summary>
    public void VarInt(long value) => VarUInt((ulong)((value << 1) ^ (value >> 63)));

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(8), value);
        Advance(8);
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Count(length);
        Encoding.UTF8.GetBytes(value, GetSpan(length));
        Advance(length);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Count(value.Length);
        output.Write(value);
    }

    public void Raw(ReadOnlySpan<byte> value) => output.Write(value);
}
