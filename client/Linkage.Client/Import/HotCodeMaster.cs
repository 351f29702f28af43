using System.Collections.Frozen;
using Linkage.Client.Import.Csv;
using Linkage.Client.Import.Uke;

namespace Linkage.Client.Import;

/// <summary>
/// MEDIS-DC's 医薬品HOTコードマスター (<c>MEDIS*.TXT</c>): HOT codes to YJ codes (個別医薬品コード), for prescriptions
/// coded in HOT13, HOT9 (its first 9 digits) or HOT7 (its first 7, 処方用番号).
/// </summary>
/// <remarks>
/// A Shift_JIS CSV with a header row: 基準番号（ＨＯＴコード）13 digits in the 1st column, 個別医薬品コード in the 8th. A
/// HOT9 or HOT7 that stands for packages of several YJ codes names none: it is refused, not guessed.
/// </remarks>
public sealed class HotCodeMaster
{
    /// <summary>0-based column of 基準番号（ＨＯＴコード）, 13 digits.</summary>
    public const int HotColumn = 0;

    /// <summary>0-based column of 個別医薬品コード (the YJ code).</summary>
    public const int YjColumn = 7;

    /// <summary>Where to get the master: said in every reason that needs it.</summary>
    public const string WhereToGetIt =
        "MEDIS-DC's 医薬品HOTコードマスター (MEDIS*.TXT, https://www2.medis.or.jp/hcode/); give it with --hot-master";

    private readonly FrozenDictionary<string, string[]> _yj;

    private HotCodeMaster(FrozenDictionary<string, string[]> yj) => _yj = yj;

    /// <summary>Number of HOT13 codes with a YJ code in the master.</summary>
    public int Count { get; private init; }

    /// <exception cref="FileNotFoundException">When there is no such file.</exception>
    public static HotCodeMaster Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Reads the master; rows without a 13-digit HOT code (the header) or without a 12-character YJ code are left out.</summary>
    public static HotCodeMaster Read(Stream stream)
    {
        using var reader = new StreamReader(stream, UkeText.ShiftJis, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var yj = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var record in new CsvRecordReader(reader).ReadAsync(CancellationToken.None).ToBlockingEnumerable())
        {
            if (record.Fields.Count <= YjColumn) continue;
            var hot = record.Fields[HotColumn].Trim();
            var code = record.Fields[YjColumn].Trim();
            if (hot.Length != 13 || !hot.All(char.IsAsciiDigit) || code.Length != 12) continue;
            count++;
            foreach (var key in new[] { hot, hot[..9], hot[..7] })
            {
                if (!yj.TryGetValue(key, out var codes)) yj[key] = codes = new SortedSet<string>(StringComparer.Ordinal);
                codes.Add(code);
            }
        }

        return new HotCodeMaster(yj.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal)) { Count = count };
    }

    /// <summary>The YJ code of a HOT13, HOT9 or HOT7 code, or null with the reason there is none.</summary>
    public string? YjOf(string hot, out string? problem)
    {
        problem = null;
        if (!_yj.TryGetValue(hot, out var codes))
        {
            problem = "is not in the HOT code master given: a newer master may list it";
            return null;
        }

        if (codes.Length == 1) return codes[0];
        problem = $"stands for {codes.Length} YJ codes in the HOT code master ({string.Join(", ", codes.Take(3))}...): give HOT13 or YJ";
        return null;
    }
}
