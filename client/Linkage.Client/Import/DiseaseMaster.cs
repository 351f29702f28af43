using System.Collections.Frozen;
using Linkage.Client.Import.Csv;
using Linkage.Client.Import.Uke;

namespace Linkage.Client.Import;

/// <summary>
/// The official disease master (傷病名マスター): 7-digit receipt disease codes (傷病名コード) to ICD-10, and the MEDIS
/// 標準病名マスター codes of the same diseases (病名管理番号, 病名交換用コード) to their receipt codes. One loader for the
/// UKE importer (receipt codes) and the FHIR importer (JP Core / JP-CLINS Conditions coded with MEDIS codes).
/// </summary>
/// <remarks>
/// A Shift_JIS CSV as the 診療報酬情報提供サービス publishes it (<c>b_ALL*.txt</c>): the code is in the 3rd column, the
/// 病名管理番号 in the 11th, the 病名交換用コード in the 13th and the ICD-10 code (2013) without its dot in the 16th.
/// The receipt master and MEDIS's standard disease master are kept in step (same diseases, same codes).
/// </remarks>
public sealed class DiseaseMaster
{
    /// <summary>0-based column of the 7-digit disease code (the master's 3rd column).</summary>
    public const int CodeColumn = 2;

    /// <summary>0-based column of the ICD-10 code, without the dot (the master's 16th column).</summary>
    public const int Icd10Column = 15;

    /// <summary>0-based column of the MEDIS 病名管理番号 (8 digits; the master's 11th column).</summary>
    public const int KeyNumberColumn = 10;

    /// <summary>0-based column of the MEDIS 病名交換用コード (4 letters or digits; the master's 13th column).</summary>
    public const int ExchangeCodeColumn = 12;

    private readonly FrozenDictionary<string, string?> _icd10;
    private readonly FrozenDictionary<string, string> _byKeyNumber;
    private readonly FrozenDictionary<string, string> _byExchangeCode;

    private DiseaseMaster(FrozenDictionary<string, string?> icd10, FrozenDictionary<string, string> byKeyNumber, FrozenDictionary<string, string> byExchangeCode)
    {
        _icd10 = icd10;
        _byKeyNumber = byKeyNumber;
        _byExchangeCode = byExchangeCode;
    }

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
        var byKeyNumber = new Dictionary<string, string>(StringComparer.Ordinal);
        var byExchangeCode = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in new CsvRecordReader(reader).ReadAsync(CancellationToken.None).ToBlockingEnumerable())
        {
            if (record.Fields.Count <= CodeColumn) continue;
            var code = record.Fields[CodeColumn].Trim();
            if (code.Length != 7 || !code.All(char.IsAsciiDigit)) continue;
            var raw = record.Fields.Count > Icd10Column ? record.Fields[Icd10Column] : null;
            icd10[code] = Icd10Code.TryNormalize(raw, out var formatted) ? formatted : null;
            if (record.Fields.Count > KeyNumberColumn && record.Fields[KeyNumberColumn].Trim() is { Length: > 0 } keyNumber) byKeyNumber.TryAdd(keyNumber, code);
            if (record.Fields.Count > ExchangeCodeColumn && record.Fields[ExchangeCodeColumn].Trim() is { Length: > 0 } exchangeCode) byExchangeCode.TryAdd(exchangeCode, code);
        }

        return new DiseaseMaster(
            icd10.ToFrozenDictionary(StringComparer.Ordinal),
            byKeyNumber.ToFrozenDictionary(StringComparer.Ordinal),
            byExchangeCode.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The receipt disease code of a MEDIS 病名管理番号, or null when the master does not list it.</summary>
    public string? ReceiptCodeOfKeyNumber(string keyNumber) => _byKeyNumber.GetValueOrDefault(keyNumber);

    /// <summary>The receipt disease code of a MEDIS 病名交換用コード, or null when the master does not list it.</summary>
    public string? ReceiptCodeOfExchangeCode(string exchangeCode) => _byExchangeCode.GetValueOrDefault(exchangeCode);

    /// <summary>True when the master lists <paramref name="code"/>.</summary>
    public bool Contains(string code) => _icd10.ContainsKey(code);

    /// <summary>The ICD-10 code (with its dot) of <paramref name="code"/>, or null when the master has none for it.</summary>
    public string? Icd10(string code) => _icd10.GetValueOrDefault(code);
}
