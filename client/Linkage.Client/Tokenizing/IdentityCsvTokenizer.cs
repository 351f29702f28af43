using System.Globalization;
using Linkage.Client.Import;
using Linkage.Client.Import.Csv;
using Linkage.Client.Ingestion;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Client.Tokenizing;

/// <summary>
/// Turns a CSV of raw identity fields into one of linkage tokens, at the operator's site.
/// Recognised columns: <c>medical_id</c> (mid); <c>insurer</c>, <c>symbol</c>, <c>number</c>,
/// <c>branch</c> (id1); <c>kana_name</c> (id2); <c>birth_date</c> (YYYY-MM-DD or YYYYMMDD) and
/// <c>sex</c> (1/2/M/F/U) for both. Every other column is copied through (a local reference, say);
/// the raw identity columns are not.
/// </summary>
public sealed class IdentityCsvTokenizer(LinkageTokenizer tokenizer)
{
    private static readonly string[] IdentityColumns = ["medical_id", "insurer", "symbol", "number", "branch", "kana_name", "birth_date", "sex"];

    /// <summary>Reads <paramref name="input"/>, writes the tokenized CSV; returns the rejected rows (line, reason).</summary>
    public async Task<IReadOnlyList<FeedRejection>> TokenizeAsync(TextReader input, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var records = new CsvRecordReader(input).ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        if (!await records.MoveNextAsync()) throw new FormatException("line 1: the CSV is empty; it needs a header row");
        var columns = records.Current.Fields.Select((c, i) => (i == 0 ? c.TrimStart('\uFEFF') : c).Trim().ToLowerInvariant()).ToList();
        int Column(string name) => columns.IndexOf(name);
        var (mid, insurer, symbol, number, branch, name, birth, sex) =
            (Column("medical_id"), Column("insurer"), Column("symbol"), Column("number"), Column("branch"), Column("kana_name"), Column("birth_date"), Column("sex"));
        if (mid < 0 && insurer < 0 && name < 0)
        {
            throw new FormatException("line 1: no identity column: give medical_id, insurer/symbol/number/branch or kana_name");
        }

        if ((insurer >= 0 || name >= 0) && (birth < 0 || sex < 0))
        {
            throw new FormatException("line 1: id1 and id2 need the columns birth_date and sex");
        }

        var kept = Enumerable.Range(0, columns.Count).Where(i => !IdentityColumns.Contains(columns[i])).ToList();
        await output.WriteLineAsync(Join(kept.Select(i => columns[i]).Concat(["mid", "id1", "id2"])));

        var rejected = new List<FeedRejection>();
        while (await records.MoveNextAsync())
        {
            var record = records.Current;
            string Field(int i) => i >= 0 && i < record.Fields.Count ? record.Fields[i] : string.Empty;
            try
            {
                if (record.Problem is { } problem) throw new FormatException(problem);
                var midToken = mid >= 0 && Field(mid).Trim().Length > 0 ? tokenizer.Mid(Field(mid)) : string.Empty;
                var id1Token = string.Empty;
                var id2Token = string.Empty;
                if (insurer >= 0 && Field(insurer).Trim().Length > 0)
                {
                    id1Token = tokenizer.Id1(Field(insurer), Field(symbol), Field(number), Field(branch), BirthDate(Field(birth)), Sex(Field(sex)));
                }

                if (name >= 0 && Field(name).Trim().Length > 0)
                {
                    id2Token = tokenizer.Id2(Field(name), BirthDate(Field(birth)), Sex(Field(sex)));
                }

                if (midToken.Length + id1Token.Length + id2Token.Length == 0)
                {
                    throw new FormatException("no identity: medical_id, insurer or kana_name must be filled in");
                }

                await output.WriteLineAsync(Join(kept.Select(Field).Concat([midToken, id1Token, id2Token])));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                rejected.Add(new FeedRejection { Line = record.Line, Reason = ex.Message });
            }
        }

        return rejected;
    }

    private static string Join(IEnumerable<string> fields) => string.Join(',', fields.Select(RejectsFile.Quote));

    private static DateOnly BirthDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"birth_date: '{text}' is not a date (YYYY-MM-DD or YYYYMMDD)");

    private static Sex Sex(string text)
    {
        try
        {
            return LinkageTokenizer.ParseSex(text);
        }
        catch (ArgumentException)
        {
            throw new FormatException($"sex: '{text}' is not 1, 2, M, F or U");
        }
    }
}
