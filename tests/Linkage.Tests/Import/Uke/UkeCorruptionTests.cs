using Linkage.Client.Import;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Uke;

/// <summary>
/// RECEIPTC.UKE damaged in every way a real file gets damaged (cut short, bytes that are not Shift_JIS, random bytes, a
/// line of megabytes): the importer never throws, answers for every line, and takes no receipt other than as the
/// intact file has it.
/// </summary>
public sealed class UkeCorruptionTests
{
    /// <summary>The RE lines of the file's three receipts, and the GO line.</summary>
    private static readonly int[] ReceiptLines = [2, 16, 20];
    private const int GoLine = 23;

    private static readonly byte[] Intact = File.ReadAllBytes(PathOf("RECEIPTC.UKE"));

    private static IFeedImporter Importer() => FeedImporters.Create(FeedFormat.Uke, Options(withMaster: true));

    private static async Task<List<ImportedLine>> ReadAsync(byte[] bytes)
    {
        var lines = await ReadBytesAsync(Importer(), bytes, "RECEIPTC.UKE");
        Corruption.AllAccountedFor(lines);
        return lines;
    }

    private static async Task<Dictionary<string, FeedEvent>> IntactReceiptsAsync() =>
        (await ReadAsync(Intact)).Select(l => l.Event!).ToDictionary(e => e.RecordId);

    /// <summary>The bytes receipt <paramref name="index"/> depends on: its lines, and the record id of the record that closes it.</summary>
    private static (int From, int To) ReceiptBytes(int index)
    {
        var next = index + 1 < ReceiptLines.Length ? ReceiptLines[index + 1] : GoLine;
        return (Corruption.LineStart(Intact, ReceiptLines[index]), Corruption.LineStart(Intact, next) + 3);
    }

    [Fact]
    public async Task A_file_cut_anywhere_takes_exactly_the_receipts_closed_before_the_cut_as_they_were()
    {
        var intact = await IntactReceiptsAsync();
        var ids = intact.Keys.Order(StringComparer.Ordinal).ToArray();

        for (var cut = 0; cut <= Intact.Length; cut += 3)
        {
            var lines = await ReadAsync(Intact[..cut]);

            for (var r = 0; r < ReceiptLines.Length; r++)
            {
                // A receipt is whole once the record id of the record after it (RE or GO) is in the file.
                var closed = cut >= ReceiptBytes(r).To - 1;
                var taken = lines.SingleOrDefault(l => l.Event?.RecordId == ids[r]);
                Assert.True(closed == (taken is not null), $"cut at {cut}: receipt {ids[r]} {(closed ? "is whole but was not taken" : "may be cut short but was taken")}");
                if (taken is not null) Assert.Equal(intact[ids[r]], taken.Event);
            }
        }
    }

    [Fact]
    public async Task Bytes_that_are_not_Shift_JIS_cost_only_the_receipt_of_their_line()
    {
        var intact = await IntactReceiptsAsync();
        for (var line = ReceiptLines[0]; line < GoLine; line++)
        {
            var damaged = Corruption.Insert(Intact, Corruption.LineStart(Intact, line) + 3, [0x85, 0x40]);

            var lines = await ReadAsync(damaged);

            var receipt = ReceiptLines.Last(re => re <= line);
            var rejected = Assert.Single(lines, l => !l.IsEvent);
            Assert.Equal(receipt, rejected.Line);
            Assert.Equal($"line {line}: byte 4 is not Shift_JIS (CP932)", rejected.Reason);
            Assert.All(lines.Where(l => l.IsEvent), l => Assert.Equal(intact[l.Event!.RecordId], l.Event));
            Assert.Equal(ReceiptLines.Length - 1, lines.Count(l => l.IsEvent));
        }
    }

    [Fact]
    public async Task Random_bytes_never_stop_the_importer_nor_change_a_receipt_whose_bytes_they_missed()
    {
        var intact = await IntactReceiptsAsync();
        var ids = intact.Keys.Order(StringComparer.Ordinal).ToArray();
        var facilityLine = (From: 0, To: Corruption.LineStart(Intact, ReceiptLines[0]));

        for (var seed = 0; seed < 300; seed++)
        {
            var (damaged, at) = Corruption.Flip(Intact, new Random(seed), count: 3);

            var lines = await ReadAsync(damaged);

            if (at.Any(a => a >= facilityLine.From && a < facilityLine.To)) continue;
            for (var r = 0; r < ReceiptLines.Length; r++)
            {
                var (from, to) = ReceiptBytes(r);
                if (at.Any(a => a >= from && a < to)) continue;
                var taken = lines.SingleOrDefault(l => l.Event?.RecordId == ids[r]);
                Assert.True(taken is not null, $"seed {seed}: bytes {string.Join(", ", at)} missed receipt {ids[r]}, yet it was not taken");
                Assert.Equal(intact[ids[r]], taken.Event);
            }
        }
    }

    [Fact]
    public async Task A_10_MB_line_costs_only_the_receipt_it_is_in()
    {
        var intact = await IntactReceiptsAsync();
        var huge = new byte[10 * 1024 * 1024 + 2];
        Array.Fill(huge, (byte)'A');
        huge[^2] = (byte)'\r';
        huge[^1] = (byte)'\n';

        var lines = await ReadAsync(Corruption.Insert(Intact, Corruption.LineStart(Intact, ReceiptLines[1]), huge));

        var rejected = Assert.Single(lines, l => !l.IsEvent);
        Assert.Equal(ReceiptLines[0], rejected.Line);
        Assert.Equal($"line {ReceiptLines[1]}: longer than 65536 bytes (10485760): not read", rejected.Reason);
        Assert.Equal(2, lines.Count(l => l.IsEvent));
        Assert.All(lines.Where(l => l.IsEvent), l => Assert.Equal(intact[l.Event!.RecordId], l.Event));
    }
}
