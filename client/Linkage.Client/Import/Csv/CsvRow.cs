using System.Globalization;
using System.Text;

namespace Linkage.Client.Import.Csv;

/// <summary>One data row of an operator CSV, read by column name; a bad value raises a rejection naming the column.</summary>
internal sealed class CsvRow(IReadOnlyDictionary<string, int> columns, CsvRecord record)
{
    public int Line => record.Line;

    /// <summary>The trimmed value of <paramref name="column"/>, or empty when the column is absent or blank.</summary>
    public string Value(string column) =>
        columns.TryGetValue(column, out var index) && index < record.Fields.Count ? record.Fields[index].Trim() : string.Empty;

    /// <summary>The value of a column that must not be blank.</summary>
    public string Required(string column)
    {
        var value = Value(column);
        return value.Length > 0 ? value : throw new RejectedInput($"column '{column}' is empty");
    }

    /// <summary>A <c>YYYY-MM-DD</c> (or <c>YYYYMMDD</c>) date that must be present and real.</summary>
    public DateOnly RequiredDate(string column)
    {
        var text = Required(column).Normalize(NormalizationForm.FormKC);
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new RejectedInput($"column '{column}' value '{text}' is not a real date (YYYY-MM-DD)");
    }

    /// <summary>An optional non-negative whole number, null when blank.</summary>
    public int? OptionalInt(string column, int min, int max)
    {
        var text = Value(column).Normalize(NormalizationForm.FormKC);
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new RejectedInput($"column '{column}' value '{text}' is not a whole number from {min} to {max}");
    }
}
