using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using C = Linkage.Client.Import.Uke.UkeColumns;

namespace Linkage.Client.Import.Uke;

/// <summary>Reads UKE receipt files (レセプト電算処理システム; medical, dental and pharmacy) into <c>receipt</c> events.</summary>
/// <remarks>
/// Shift_JIS (CP932), CRLF, one record per line, record id first. Each RE group becomes one receipt, reported on its RE line;
/// the GO trailer's receipt count and total points are checked against what was read, a difference being a warning
/// on the file (<see cref="Warnings"/>), not a rejected line. See docs/formats.md.
/// </remarks>
public sealed class UkeImporter : IFeedImporter
{
    /// <summary>
    /// The longest line read, in bytes: far above any record of the spec (a dental SS with every item filled is
    /// under 2 KB), so a longer line is not a record; it is reported and skipped, which bounds what a file can make
    /// the importer hold.
    /// </summary>
    public const int MaxLineBytes = 64 * 1024;

    private readonly ImportOptions _options;
    private readonly DiseaseCodeMapper _diseases;
    private readonly List<string> _warnings = [];
    private readonly SkippedLineTally _skipped = new();

    public UkeImporter(ImportOptions options, DiseaseMaster? diseaseMaster)
    {
        _options = options;
        _diseases = new DiseaseCodeMapper(diseaseMaster, Warn);
    }

    public IReadOnlyList<string> Warnings => _warnings;

    public IReadOnlyList<SkippedLines> Skipped => _skipped.All;

    public async IAsyncEnumerable<ImportedLine> ReadAsync(Stream input, string fileName, [EnumeratorCancellation] CancellationToken ct)
    {
        UkeFacility? facility = null;
        string? facilityProblem = null;
        UkeReceiptBuilder? receipt = null;
        var encodingChecked = false;
        var lastLine = 0;
        var lastTerminated = true;
        var totals = new UkeClaimTotals();
        int? goLine = null;
        string? notRead = null;

        await foreach (var raw in InputLineReader.ReadAsync(input, MaxLineBytes, ct))
        {
            lastLine = raw.Number;
            lastTerminated = raw.Terminated;
            if (notRead is not null)
            {
                // The lines after a UTF-8 line are counted, not read.
                _skipped.Add(fileName, notRead);
                continue;
            }

            if (raw.Length == 0 || raw.Bytes is [0x1A])
            {
                _skipped.Add(fileName, raw.Length == 0 ? "blank line" : "DOS end-of-file mark (0x1A)");
                continue;
            }

            if (raw.Terminated && !raw.CrLf) Warn("lines end with LF only; the spec asks for CR LF (read anyway)");

            if (!encodingChecked && !raw.TooLong && UkeText.HasNonAscii(raw.Bytes))
            {
                encodingChecked = true;
                if (UkeText.LooksLikeUtf8(raw.Bytes))
                {
                    var utf8 = $"the file is UTF-8, not Shift_JIS (line {raw.Number} is valid UTF-8 with multi-byte characters): UKE files must be Shift_JIS (CP932); nothing from line {raw.Number} on was read";
                    if (receipt is not null)
                    {
                        receipt.Fail(utf8);
                        yield return Finish(receipt, fileName, totals);
                    }

                    yield return ImportedLine.Rejected(fileName, raw.Number, utf8);
                    receipt = null;
                    notRead = "not read: the file is UTF-8, not Shift_JIS (see the rejection of its first UTF-8 line)";
                    continue;
                }
            }

            // A line that cannot be read is still routed by its (ASCII) record id, so that the right receipt is rejected.
            var text = Decode(raw, out var unreadable);
            var fields = text.Split(',');
            var record = new UkeRecordLine(fields[0].Trim(), raw.Number, fields);
            if (goLine is not null)
            {
                yield return ImportedLine.Rejected(fileName, raw.Number, $"{record.Id} record after the GO trailer on line {goLine}: not read");
                continue;
            }

            if (record.Id is "IR" or "YK")
            {
                if (receipt is not null)
                {
                    yield return Finish(receipt, fileName, totals);
                    receipt = null;
                }

                (facility, facilityProblem) = unreadable is null ? ReadFacility(record) : (null, unreadable);
                if (facilityProblem is not null) yield return ImportedLine.Rejected(fileName, raw.Number, facilityProblem);
                else _skipped.Add(fileName, $"{record.Id} facility record (read for its receipts)");
                continue;
            }

            if (record.Id == "RE")
            {
                if (receipt is not null) yield return Finish(receipt, fileName, totals);
                totals.Receipts++;
                receipt = new UkeReceiptBuilder(
                    facility,
                    facilityProblem is null ? null : $"the facility record before it could not be read: {facilityProblem}",
                    record,
                    _options,
                    _diseases,
                    Warn);
                if (unreadable is not null) receipt.Fail(unreadable);
                continue;
            }

            if (record.Id == "GO")
            {
                if (receipt is not null)
                {
                    yield return Finish(receipt, fileName, totals);
                    receipt = null;
                }

                goLine = raw.Number;
                _skipped.Add(fileName, "GO (診療報酬請求書) trailer (checked against the receipts)");
                if (unreadable is not null) Warn($"{fileName}: GO line {raw.Number}: {unreadable}, so the receipt count and total points were not checked");
                else CheckTotals(fileName, record, totals);
                continue;
            }

            if (unreadable is not null)
            {
                if (receipt is not null) receipt.FailOn(unreadable);
                else yield return ImportedLine.Rejected(fileName, raw.Number, unreadable);
                continue;
            }

            if (facility is null && receipt is not null)
            {
                receipt.Add(record); // the receipt is rejected for its facility anyway
                continue;
            }

            if (facility is null)
            {
                // The dental file's UK (受付情報) record may precede IR; anything else before IR has no layout to be read with.
                if (record.Id != "UK") yield return ImportedLine.Rejected(fileName, raw.Number, $"{record.Id} record before the IR/YK facility record: not read");
                else _skipped.Add(fileName, "UK (受付情報) record");
                continue;
            }

            if (!facility.Layout.IsReceiptRecord(record.Id))
            {
                yield return ImportedLine.Rejected(fileName, raw.Number, $"unknown record id '{record.Id}' for a {facility.Layout.Variant.ToString().ToLowerInvariant()} UKE file: record not read");
                continue;
            }

            if (receipt is null)
            {
                yield return ImportedLine.Rejected(fileName, raw.Number, $"{record.Id} record outside a receipt (no RE before it): not read");
                continue;
            }

            receipt.Add(record);
        }

        // Without a GO nothing says the last receipt is whole: it may have been cut at a line end.
        if (receipt is not null) yield return Finish(receipt, fileName, totals, cutShort: true);

        // Notes on the file as a whole: every receipt in it has been reported on its own line already.
        if (lastLine == 0)
        {
            Warn($"{fileName}: the file is empty");
        }
        else if (goLine is null && notRead is null)
        {
            var ending = lastTerminated ? string.Empty : $" and its last line {lastLine} has no line end";
            Warn($"{fileName}: the file ends without a GO (診療報酬請求書) record{ending}: it looks truncated, so its receipt count and total points could not be checked");
        }
    }

    private void Warn(string warning)
    {
        if (!_warnings.Contains(warning)) _warnings.Add(warning);
    }

    /// <summary>The line's text; when it is too long or not Shift_JIS, a lenient decoding of what there is and the problem.</summary>
    private static string Decode(InputLine raw, out string? problem)
    {
        problem = null;
        if (raw.TooLong)
        {
            problem = $"line {raw.Number}: longer than {MaxLineBytes} bytes ({raw.Length}): not read";
            return UkeText.LenientShiftJis.GetString(raw.Bytes);
        }

        try
        {
            return UkeText.ShiftJis.GetString(raw.Bytes);
        }
        catch (DecoderFallbackException ex)
        {
            problem = $"line {raw.Number}: byte {ex.Index + 1} is not Shift_JIS (CP932)";
            return UkeText.LenientShiftJis.GetString(raw.Bytes);
        }
    }

    private static ImportedLine Finish(UkeReceiptBuilder receipt, string fileName, UkeClaimTotals totals, bool cutShort = false)
    {
        var outcome = receipt.Build(fileName, cutShort);
        if (outcome.ClaimedPoints is { } claimed) totals.Points += claimed;
        else totals.UnreadablePoints++;
        return outcome.Line with { Lines = receipt.Lines };
    }

    /// <summary>Reads IR/YK: the 10-digit facility code, claim month, payer and layout.</summary>
    private static (UkeFacility? Facility, string? Problem) ReadFacility(UkeRecordLine record)
    {
        try
        {
            var table = record.Field(C.Common.FacilityScoreTable, "点数表 (score table)");
            var layout = UkeLayout.For(record.Id, table)
                ?? throw record.Bad(C.Common.FacilityScoreTable, "点数表 (score table)", $"'{table}' is not 1 (医科) or 3 (歯科); DPC and other files are not read");
            var payer = record.Field(C.Common.FacilityPayer, "審査支払機関 (payer)");
            if (payer is not ("1" or "2")) throw record.Bad(C.Common.FacilityPayer, "審査支払機関 (payer)", $"'{payer}' is not 1 or 2");
            var prefecture = record.Field(C.Common.FacilityPrefecture, "都道府県 (prefecture)");
            if (!Prefecture.TryParse(prefecture, out var prefectureCode) || prefecture.Length != 2) throw record.Bad(C.Common.FacilityPrefecture, "都道府県 (prefecture)", $"'{prefecture}' is not 01..47");
            var code = record.Field(C.Common.FacilityCode, "医療機関コード (facility code)");
            if (code.Length != 7 || !code.All(char.IsAsciiDigit)) throw record.Bad(C.Common.FacilityCode, "医療機関コード (facility code)", $"'{code}' is not 7 digits");
            var monthText = record.Field(layout.ClaimMonth, "請求年月 (claim month)");
            if (!UkeDate.TryParseMonth(monthText, out var claimMonth)) throw record.Bad(layout.ClaimMonth, "請求年月 (claim month)", $"'{monthText}' is not a month (YYYYMM)");
            return (new UkeFacility(prefectureCode + table + code, claimMonth, payer, layout), null);
        }
        catch (RejectedInput rejection)
        {
            return (null, rejection.Message);
        }
    }

    /// <summary>
    /// Compares the GO trailer with the receipts read, their number and the sum of their HO (or KO) total points; a
    /// difference is a warning on the file: the receipts themselves were each reported on their own line.
    /// </summary>
    private void CheckTotals(string fileName, UkeRecordLine go, UkeClaimTotals totals)
    {
        string countText, pointsText;
        try
        {
            countText = go.Field(C.Common.GoReceiptCount, "総件数 (receipt count)");
            pointsText = go.Field(C.Common.GoTotalPoints, "総合計点数 (total points)");
        }
        catch (RejectedInput rejection)
        {
            Warn($"{fileName}: {rejection.Message}, so the receipt count and total points were not checked");
            return;
        }

        var at = $"{fileName}: GO line {go.Line}";
        if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Warn($"{at}: 総件数 (receipt count, column 2) '{countText}' is not a number");
        }
        else if (count != totals.Receipts)
        {
            Warn($"{at}: 総件数 (receipt count, column 2) says {count} receipts but the file has {totals.Receipts} RE records");
        }

        if (!long.TryParse(pointsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var total))
        {
            Warn($"{at}: 総合計点数 (total points, column 3) '{pointsText}' is not a number");
        }
        else if (total != totals.Points)
        {
            var unread = totals.UnreadablePoints > 0 ? $" ({totals.UnreadablePoints} receipt(s) had no readable total points)" : string.Empty;
            Warn($"{at}: 総合計点数 (total points, column 3) says {total} but the receipts' HO/KO total points add up to {totals.Points}{unread}");
        }
    }
}
