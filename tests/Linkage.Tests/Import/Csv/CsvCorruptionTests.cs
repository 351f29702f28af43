using System.Text;
using Linkage.Client.Import;
using Linkage.Cohorts;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Csv;

/// <summary>
/// A death CSV damaged row by row (a quote never closed, the wrong number of columns, bytes that are not UTF-8, random
/// bytes): every damaged row is named on its line, the importer never throws, and every other row goes in as it was.
/// </summary>
public sealed class CsvCorruptionTests
{
    private const string Header = "record_id,kana_name,birth_date,sex,pref,death_date,cause_1a,cause_1b,cause_1c,cause_1d,cause_2,underlying,place";
    private const int Rows = 10;

    private static string Row(int n) => $"D-{n},サトウ ハナコ,1950-03-{n + 10},2,13,2024-06-{n + 10},I21.9,I25.1,,,E11.9,I25.1,{n % 7 + 1}";

    private static IEnumerable<string> Lines() => [Header, .. Enumerable.Range(1, Rows).Select(Row)];

    private static byte[] Csv(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n")));

    private static IFeedImporter Importer() => FeedImporters.Create(FeedFormat.DeathCsv, Options());

    private static async Task<List<ImportedLine>> ReadAsync(byte[] bytes)
    {
        var lines = await ReadBytesAsync(Importer(), bytes, "death.csv");
        Corruption.AllAccountedFor(lines);
        return lines;
    }

    private static async Task<Dictionary<string, FeedEvent>> IntactAsync()
    {
        var lines = await ReadAsync(Csv(Lines()));
        Assert.Equal(Rows, lines.Count(l => l.IsEvent));
        return lines.Select(l => l.Event!).ToDictionary(e => e.RecordId);
    }

    /// <summary>Row <paramref name="damaged"/> (line <paramref name="damaged"/> + 1) is named; every other row goes in as it was.</summary>
    private static async Task OnlyThatRowIsLostAsync(byte[] bytes, int damaged, string reason)
    {
        var intact = await IntactAsync();

        var lines = await ReadAsync(bytes);

        var rejected = Assert.Single(lines, l => !l.IsEvent);
        Assert.Equal(damaged + 1, rejected.Line);
        Assert.StartsWith(reason, rejected.Reason);
        Assert.Equal(
            intact.Where(e => e.Key != $"D-{damaged}").Select(e => e.Value).OrderBy(e => e.RecordId, StringComparer.Ordinal),
            lines.Where(l => l.IsEvent).Select(l => l.Event!).OrderBy(e => e.RecordId, StringComparer.Ordinal));
    }

    private static byte[] WithRow(int n, string row) => Csv(Lines().Select((l, i) => i == n ? row : l));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(Rows)]
    public async Task A_quote_never_closed_costs_only_its_row(int n)
    {
        await OnlyThatRowIsLostAsync(
            WithRow(n, Row(n).Replace(",サトウ", ",\"サトウ", StringComparison.Ordinal)),
            n,
            $"the quoted field 2 opened on line {n + 1} is never closed (is the file truncated?)");
    }

    [Theory]
    [InlineData(3, ",extra", "the row has 14 fields but the header has 13 columns")]
    [InlineData(4, null, "the row has 12 fields but the header has 13 columns")]
    public async Task A_row_with_the_wrong_number_of_columns_costs_only_itself(int n, string? extra, string reason)
    {
        var row = extra is null ? Row(n)[..Row(n).LastIndexOf(',')] : Row(n) + extra;
        await OnlyThatRowIsLostAsync(WithRow(n, row), n, reason);
    }

    [Theory]
    [InlineData(2, new byte[] { 0xFF, 0xFE })]
    [InlineData(6, new byte[] { 0xC3, 0x28 })]
    [InlineData(7, new byte[] { 0x83, 0x54, 0x83, 0x67 })] // サト in Shift_JIS
    public async Task Bytes_that_are_not_UTF8_cost_only_their_row(int n, byte[] bytes)
    {
        var csv = Csv(Lines());
        var at = Corruption.LineStart(csv, n + 1) + $"D-{n},".Length;
        await OnlyThatRowIsLostAsync(Corruption.Insert(csv, at, bytes), n, "field 2 holds bytes that are not UTF-8");
    }

    [Fact]
    public async Task Random_bytes_never_stop_the_importer_nor_change_a_row_they_missed()
    {
        var intact = await IntactAsync();
        var csv = Csv(Lines());
        var starts = Enumerable.Range(1, Rows + 1).Select(n => Corruption.LineStart(csv, n)).Append(csv.Length).ToArray();

        for (var seed = 0; seed < 300; seed++)
        {
            var (damaged, at) = Corruption.Flip(csv, new Random(seed), count: 3);

            var lines = await ReadAsync(damaged);

            bool Hit(int line) => at.Any(a => a >= starts[line - 1] - 1 && a < starts[line]);
            if (Hit(1)) continue; // the header
            for (var n = 1; n <= Rows; n++)
            {
                if (Hit(n + 1)) continue;

                // By record id: a line end made or lost elsewhere moves the line numbers after it.
                var expected = intact[$"D-{n}"];
                Assert.True(lines.Any(l => Equals(l.Event, expected)), $"seed {seed}: bytes {string.Join(", ", at)} missed row {n}, yet it did not go in as it was");
            }
        }
    }
}
