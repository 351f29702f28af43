using System.Collections.Frozen;
using Linkage.Client.Import.Csv;
using Linkage.Client.Import.Uke;

namespace Linkage.Client.Import;

/// <summary>The official disease master (傷病名マスター): 7-digit receipt disease codes (傷病名コード) to ICD-10.</summary>
/// <remarks>A Shift_JIS CSV as the MHLW publishes it; the code is in the 3rd column, the ICD-10 code without its dot in the 16th.</remarks>
public sealed class DiseaseMaster
{
    /// <summary>0-based column of the 7-digit disease code (the master's 3rd column).</summary>
    public const int CodeColumn = 2;

    /// <summary>0-based column of the ICD-10 code, without the dot (the master's 16th column).</summary>
    public const int Icd10Column = 15;

    private readonly FrozenDictionary<string, string?> _icd10;

    private DiseaseMaster(FrozenDictionary<string, string?> icd10) => _icd10 = icd10;

    /// <summary>Number of disease codes in the master.</summary>
    public int Count => _icd10.Count;

    /// <summary>Reads the master file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">When there is no such file.</exception>
    public static DiseaseMaster Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Reads a master from a Shift_JIS CSV stream; rows without a 7-digit code are skipped.</summary>
    public static DiseaseMaster Read(Stream stream)
    {
        using var reader = new StreamReader(stream, UkeText.ShiftJis, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var icd10 = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var record in new CsvRecordReader(reader).ReadAsync(CancellationToken.None).ToBlockingEnumerable())
        {
            if (record.Fields.Count <= CodeColumn) continue;
            var code = record.Fields[CodeColumn].Trim();
            if (code.Length != 7 || !code.All(char.IsAsciiDigit)) continue;
            var raw = record.Fields.Count > Icd10Column ? record.Fields[Icd10Column] : null;
            icd10[code] = Icd10Code.TryNormalize(raw, out var formatted) ? formatted : null;
        }

        return new DiseaseMaster(icd10.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>True when the master lists <paramref name="code"/>.</summary>
    public bool Contains(string code) => _icd10.ContainsKey(code);

    /// <summary>The ICD-10 code (with its dot) of <paramref name="code"/>, or null when the master has none for it.</summary>
    public string? Icd10(string code) => _icd10.GetValueOrDefault(code);
}
