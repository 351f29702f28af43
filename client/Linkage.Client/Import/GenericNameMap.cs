using System.Collections.Frozen;
using Linkage.Client.Import.Csv;

namespace Linkage.Client.Import;

/// <summary>
/// An operator's map of generic-name prescription codes (一般名処方マスタ's 一般名コード, e.g. <c>2149039F1ZZZ</c>) to
/// the YJ code the operator counts them as. A generic name names no product, and no public master maps it to one YJ
/// code, so without this map such a prescription is refused with the reason.
/// </summary>
/// <remarks>UTF-8 CSV (BOM optional): <c>generic_code,yj_code</c>, an optional header row; rows without a 12-character YJ code are left out.</remarks>
public sealed class GenericNameMap
{
    /// <summary>Why a generic-name prescription has no YJ code without a map: said in its rejection.</summary>
    public const string WhyAMapIsNeeded =
        "a generic-name prescription (一般名処方) names no product, and MHLW's 一般名処方マスタ maps it to no single YJ code; "
        + "give --generic-name-map, a CSV of generic_code,yj_code that you choose (e.g. the YJ code your pharmacy dispenses)";

    private readonly FrozenDictionary<string, string> _yj;

    private GenericNameMap(FrozenDictionary<string, string> yj) => _yj = yj;

    public int Count => _yj.Count;

    /// <exception cref="FileNotFoundException">When there is no such file.</exception>
    public static GenericNameMap Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new StreamReader(stream, CsvRecordReader.Utf8WithMarks, detectEncodingFromByteOrderMarks: false);
        var yj = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in new CsvRecordReader(reader).ReadAsync(CancellationToken.None).ToBlockingEnumerable())
        {
            if (record.Fields.Count < 2) continue;
            var code = record.Fields[1].Trim();
            if (code.Length == 12 && code.All(char.IsAsciiLetterOrDigit)) yj.TryAdd(record.Fields[0].Trim().TrimStart('\uFEFF'), code);
        }

        return new GenericNameMap(yj.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The YJ code the operator counts <paramref name="genericCode"/> as, or null.</summary>
    public string? YjOf(string genericCode) => _yj.GetValueOrDefault(genericCode);
}
