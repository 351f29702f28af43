using System.Text;
using Linkage.Client.Import;
using Linkage.Client.Ingestion;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import;

/// <summary>
/// Every importer answers for every line of a file exactly once: the lines its events and rejections stand for
/// (<see cref="ImportedLine.Lines"/>) and the lines it skipped add up to the file's line count, counted here
/// independently, on the fixtures and on hundreds of corrupted copies of them (plain randomized, fixed seed).
/// </summary>
public sealed class LineAccountingTests
{
    private const int Seed = 20;

    /// <summary>An importer, its fixtures, and how its format ends a line (CSV: CR, LF or CR LF; the others: LF).</summary>
    public static TheoryData<string> Formats => ["uke", "fhir", "death-csv", "maternal-csv", "ndjson"];

    private static (Func<IFeedImporter> Create, string[] Files, bool CsvLineEnds) Format(string name) => name switch
    {
        "uke" => (() => FeedImporters.Create(FeedFormat.Uke, Options(withMaster: true)),
            ["RECEIPTC.UKE", "dental.UKE", "pharmacy.UKE", "truncated.UKE", "unknown-record.UKE", "open-group.UKE", "bad-bytes.UKE", "utf8-instead-of-sjis.UKE", "missing-go.UKE"], false),
        "fhir" => (() => FeedImporters.Create(FeedFormat.Fhir, Options(withMaster: true)), [Concatenated("fhir")], false),
        "death-csv" => (() => FeedImporters.Create(FeedFormat.DeathCsv, Options()), ["death.csv", "death-missing-column.csv"], true),
        "maternal-csv" => (() => FeedImporters.Create(FeedFormat.MaternalCsv, Options()), ["maternal.csv", "maternal-missing-column.csv"], true),
        "ndjson" => (() => new NdjsonFeedImporter(), [EventsV1File()], false),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_line_of_every_fixture_is_counted_once(string format)
    {
        var (create, files, csv) = Format(format);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file.Contains(Path.DirectorySeparatorChar) ? file : PathOf(file));
            await AssertAccountedAsync(create(), bytes, csv, file);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_line_of_a_corrupted_file_is_counted_once(string format)
    {
        var (create, files, csv) = Format(format);
        var random = new Random(Seed);
        for (var round = 0; round < 150; round++)
        {
            var file = files[random.Next(files.Length)];
            var bytes = Corrupt(File.ReadAllBytes(file.Contains(Path.DirectorySeparatorChar) ? file : PathOf(file)), random);
            await AssertAccountedAsync(create(), bytes, csv, $"{file} round {round}");
        }
    }

    [Fact]
    public async Task Accounting_and_counting_agree_on_a_file_made_by_hand()
    {
        // 7 lines: header, a row over two lines (a quoted line break), a blank line, a good row, a bad row, a blank last line.
        var csv = "record_id,kana_name,birth_date,sex,pref,death_date,cause_1a,cause_1b,cause_1c,cause_1d,cause_2,underlying,place\r\n"
            + "D-1,サトウ ハナコ,1950-03-14,2,13,2024-06-01,\"I21.9\r\n\",,,,,I25.1,1\r\n"
            + "\r\n"
            + "D-2,サトウ タロウ,1950-03-14,1,13,2024-06-01,I21.9,,,,,I25.1,1\r\n"
            + "D-3,サトウ ジロウ,1950-03-14,9,13,2024-06-01,I21.9,,,,,I25.1,1\r\n"
            + "\r\n";
        var importer = FeedImporters.Create(FeedFormat.DeathCsv, Options());

        var lines = await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(csv), "hand.csv");

        Assert.Equal([(2, 2), (5, 1), (6, 1)], lines.Select(l => (l.Line, l.Lines)));
        Assert.Equal([("header row", 1), ("blank line", 2)], importer.Skipped.Select(s => (s.Reason, s.Count)));
    }

    private static async Task AssertAccountedAsync(IFeedImporter importer, byte[] bytes, bool csvLineEnds, string what)
    {
        const string name = "file";
        var lines = await ReadBytesAsync(importer, bytes, name);

        var answered = lines.Sum(l => l.Lines);
        var skipped = importer.Skipped.Where(s => s.File == name).Sum(s => s.Count);
        Assert.True(lines.All(l => l.Lines >= 0), $"{what}: a negative line count");
        Assert.True(CountLines(bytes, csvLineEnds) == answered + skipped,
            $"{what}: the file has {CountLines(bytes, csvLineEnds)} lines but the importer answered for {answered} and skipped {skipped} ({bytes.Length} bytes, starting {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 40)))})");
    }

    /// <summary>The lines of a file as its format ends them; a last line without an end counts. Independent of the importers' readers.</summary>
    /// <remarks>For CSV a leading UTF-8 byte order mark is the encoding's mark, not text: a file of only a BOM is empty.</remarks>
    private static int CountLines(byte[] bytes, bool csvLineEnds)
    {
        if (csvLineEnds && bytes.AsSpan().StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        var lines = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') lines++;
            else if (csvLineEnds && bytes[i] == (byte)'\r' && (i + 1 == bytes.Length || bytes[i + 1] != (byte)'\n')) lines++;
        }

        var last = bytes.Length == 0 ? (byte)'\n' : bytes[^1];
        return lines + (last == (byte)'\n' || (csvLineEnds && last == (byte)'\r') ? 0 : 1);
    }

    /// <summary>One to four damages: cut short, bytes flipped, line ends, quotes and braces put in, a line doubled or dropped.</summary>
    private static byte[] Corrupt(byte[] bytes, Random random)
    {
        var damaged = bytes;
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            if (damaged.Length == 0) break;
            var at = random.Next(damaged.Length);
            damaged = random.Next(6) switch
            {
                0 => damaged[..at],
                1 => Corruption.Flip(damaged, random, random.Next(1, 8)).Bytes,
                2 => Corruption.Insert(damaged, at, [(byte)"\n\r\"{,\u001a"[random.Next(6)]]),
                3 => Corruption.Insert(damaged, at, "\r\n\r\n"u8.ToArray()),
                4 => DoubleALine(damaged, random),
                _ => Corruption.Insert(damaged, at, [.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256))]),
            };
        }

        return damaged;
    }

    private static byte[] DoubleALine(byte[] bytes, Random random)
    {
        var start = Array.LastIndexOf(bytes, (byte)'\n', random.Next(bytes.Length)) + 1;
        var end = Array.IndexOf(bytes, (byte)'\n', start);
        return end < 0 ? bytes : Corruption.Insert(bytes, start, bytes[start..(end + 1)]);
    }

    /// <summary>The FHIR fixture export as one NDJSON file (the single-stream form reads its Patients first).</summary>
    private static string Concatenated(string directory)
    {
        var path = Path.Combine(Path.GetTempPath(), $"linkage-accounting-{directory}-{Environment.ProcessId}.ndjson");
        File.WriteAllText(path, string.Concat(Directory.GetFiles(PathOf(directory), "*.ndjson").Order(StringComparer.Ordinal).Select(File.ReadAllText)));
        return path;
    }

    /// <summary>events-v1 NDJSON of a few lines, one bad, one blank, from the feed tests' shapes.</summary>
    private static string EventsV1File()
    {
        var path = Path.Combine(Path.GetTempPath(), $"linkage-accounting-events-{Environment.ProcessId}.ndjson");
        File.WriteAllText(path, string.Join('\n',
            """{"source":"a","recordId":"r1","version":1,"kind":"lab","date":"2024-01-02","subject":{"id2":"id2.x","birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":8.1,"unit":"%"}}""",
            "",
            "{not json",
            """{"source":"a","recordId":"r2","version":1,"kind":"lab","date":"2024-01-03","subject":{"id2":"id2.x","birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":7.9,"unit":"%"}}""",
            "") + "\n");
        return path;
    }
}
