using System.Buffers.Binary;
using System.Text;

namespace Linkage.Cohorts.Index;

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote; data that ends early or is out of range is an <see cref="InvalidDataException"/>.</summary>
internal ref struct SnapshotReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _what;
    private readonly long? _number;
    private int _position;

    public SnapshotReader(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _what = what;
    }

    /// <summary>Reads data named "<paramref name="what"/> <paramref name="number"/>" in errors, a name only spelled out for one.</summary>
    public SnapshotReader(ReadOnlySpan<byte> data, string what, long number)
        : this(data, what) => _number = number;

    public readonly bool AtEnd => _position == _data.Length;

    public readonly int Position => _position;

    public byte Byte()
    {
        if (_position >= _data.Length) throw Ends();
        return _data[_position++];
    }

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }

        throw Invalid("a varint longer than 10 bytes");
    }

    /// <summary>A count or index, at most <paramref name="max"/>.</summary>
    public int Count(long max = int.MaxValue)
    {
        var value = VarUInt();
        if (value > (ulong)max) throw Invalid($"{value} where at most {max} fits");
        return (int)value;
    }

    public long VarInt()
    {
        var raw = VarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A signed value that must fit an int.</summary>
    public int Int()
    {
        var value = VarInt();
        if (value is < int.MinValue or > int.MaxValue) throw Invalid($"{value} does not fit 32 bits");
        return (int)value;
    }

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public string String() => Encoding.UTF8.GetString(Take(Count()));

    /// <summary>The UTF-8 bytes of a string, without decoding them.</summary>
    public ReadOnlySpan<byte> Utf8() => Take(Count());

    public ReadOnlySpan<byte> Bytes() => Take(Count());

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _position) throw Ends();
        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    public readonly InvalidDataException Invalid(string problem) => new($"{What}, byte {_position}: {problem}");

    private readonly string What => _number is { } number ? $"{_what} {number}" : _what;

    private readonly InvalidDataException Ends() => new($"{What} ends early (at byte {_position} of {_data.Length})");
}
