using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Client.Import.Csv;

/// <summary>The shared reading of the operator CSV layouts: UTF-8 (BOM optional), RFC 4180, a header row naming the columns.</summary>
/// <remarks>Reads one record at a time (<see cref="CsvRecordReader.MaxRecordChars"/> at most); a bad row is reported and the next rows go in.</remarks>
public abstract class CsvFeedImporter : IFeedImporter
{
    private readonly List<string> _warnings = [];
    private readonly SkippedLineTally _skipped = new();

    private protected CsvFeedImporter(ImportOptions options) => Options = options;

    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<SkippedLines> Skipped => _skipped.All;

    private protected ImportOptions Options { get; }

    /// <summary>Columns the header must name; a missing one is reported by name and nothing is read.</summary>
    public abstract IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>Columns that may be left out of the header.</summary>
    public abstract IReadOnlyList<string> OptionalColumns { get; }

    public async IAsyncEnumerable<ImportedLine> ReadAsync(Stream input, string fileName, [EnumeratorCancellation] CancellationToken ct)
    {
        // UTF-8 whose undecodable bytes are marked, so that a row of another encoding is named and the next rows still go in.
        using var reader = new StreamReader(input, CsvRecordReader.Utf8WithMarks, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var records = new CsvRecordReader(reader);
        Dictionary<string, int>? columns = null;
        string? notRead = null;
        var next = 1;
        await foreach (var record in records.ReadAsync(ct))
        {
            // Blank lines give no record: the gap before a record is theirs.
            _skipped.Add(fileName, "blank line", record.Line - next);
            next = record.LastLine + 1;
            var lines = record.LastLine - record.Line + 1;
            if (notRead is not null)
            {
                _skipped.Add(fileName, notRead, lines);
                continue;
            }

            if (columns is null)
            {
                var header = ReadHeader(record);
                if (header.Problem is not null)
                {
                    yield return ImportedLine.Rejected(fileName, record.Line, header.Problem) with { Lines = lines };
                    notRead = "not read: the header row is not usable (see the rejection of line " + record.Line + ")";
                    continue;
                }

                columns = header.Columns!;
                records.ExpectedFields = columns.Count;
                _skipped.Add(fileName, "header row", lines);
                continue;
            }

            yield return MapRow(columns, record, fileName) with { Lines = lines };
        }

        _skipped.Add(fileName, "blank line", records.Lines - next + 1);
        if (columns is null && notRead is null) Warn($"{fileName}: the file is empty: a header row is needed (see docs/formats.md)");
    }

    /// <summary>Maps one row onto an event; raises <see cref="RejectedInput"/> naming the column when a value is bad.</summary>
    private protected abstract FeedEvent Map(CsvRow row);

    private protected void Warn(string warning)
    {
        if (!_warnings.Contains(warning)) _warnings.Add(warning);
    }

    private protected static int Version(CsvRow row) => row.OptionalInt("version", 1, int.MaxValue) ?? 1;

    /// <summary>Sex from <c>1</c>/<c>2</c> (the Japanese codes), <c>M</c>/<c>F</c>/<c>U</c>, or 男/女.</summary>
    private protected static Sex SexOf(CsvRow row, string column)
    {
        var text = row.Required(column).Normalize(NormalizationForm.FormKC);
        if (text == "男") return Sex.M;
        if (text == "女") return Sex.F;
        try
        {
            return LinkageTokenizer.ParseSex(text);
        }
        catch (ArgumentException)
        {
            throw new RejectedInput($"column '{column}' value '{text}' is not 1, 2, M, F or U");
        }
    }

    /// <summary>The prefecture of the optional <c>pref</c> column as a JIS code, null when blank.</summary>
    private protected static string? PrefectureOf(CsvRow row, string column)
    {
        var text = row.Value(column);
        if (text.Length == 0) return null;
        return Prefecture.TryParse(text, out var code) ? code : throw new RejectedInput($"column '{column}' value '{text}' is not a prefecture (01..47 or its name)");
    }

    /// <summary>A subject tokenized from a kana name column and an optional medical-ID column, with birth and sex.</summary>
    /// <returns>Null when neither the name nor the medical ID is given.</returns>
    private protected Subject? Person(CsvRow row, string nameColumn, string midColumn, DateOnly birth, Sex sex, string? pref)
    {
        var name = row.Value(nameColumn);
        if (name.Length > 0 && !KanaName.IsKana(name))
        {
            throw new RejectedInput($"column '{nameColumn}' value is not written in kana (katakana or hiragana)");
        }

        var medicalId = row.Value(midColumn);
        if (name.Length == 0 && medicalId.Length == 0) return null;
        return new Subject
        {
            Mid = medicalId.Length > 0 ? Options.Tokenizer.Mid(medicalId) : null,
            Id2 = name.Length > 0 ? Options.Tokenizer.Id2(name, birth, sex) : null,
            Birth = birth.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            Sex = sex,
            Pref = pref,
        };
    }

    private ImportedLine MapRow(Dictionary<string, int> columns, CsvRecord record, string fileName)
    {
        if (record.Problem is not null) return ImportedLine.Rejected(fileName, record.Line, record.Problem);
        if (record.Fields.Count != columns.Count)
        {
            return ImportedLine.Rejected(fileName, record.Line, $"the row has {record.Fields.Count} fields but the header has {columns.Count} columns");
        }

        try
        {
            return ImportedLine.Mapped(fileName, record.Line, Map(new CsvRow(columns, record)));
        }
        catch (RejectedInput rejection)
        {
            return ImportedLine.Rejected(fileName, record.Line, rejection.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Input no rule above foresaw: it rejects this row rather than ending the import.
            return ImportedLine.Rejected(fileName, record.Line, $"the row could not be mapped: {ex.Message}");
        }
    }

    private (Dictionary<string, int>? Columns, string? Problem) ReadHeader(CsvRecord record)
    {
        if (record.Problem is not null) return (null, "header: " + record.Problem);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var name = record.Fields[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (name.Length == 0) return (null, $"header: column {i + 1} has no name");
            if (!columns.TryAdd(name, i)) return (null, $"header: column '{name}' appears twice");
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(c => $"'{c}'"));
            return (null, $"header: missing column{(missing.Count > 1 ? "s" : string.Empty)} {names} (see docs/formats.md); nothing was read");
        }

        var unknown = columns.Keys.Where(c => !RequiredColumns.Contains(c) && !OptionalColumns.Contains(c)).ToList();
        if (unknown.Count > 0) Warn($"header: column{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(c => $"'{c}'"))} not used");
        return (columns, null);
    }

}
