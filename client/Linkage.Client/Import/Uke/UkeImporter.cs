using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using C = Linkage.Client.Import.Uke.UkeColumns;

namespace Linkage.Client.Import.Uke;

/// <summary>Reads UKE receipt files (レセプト電算処理システム; medical, dental and pharmacy) into <c>receipt</c> events.</summary>
/// <remarks>
/// Shift_JIS (CP932), CRLF, one record per line, record id first. Each RE group becomes one receipt, reported on its RE line;
/// the GO trailer's receipt count and total points are checked against what was read. See docs/formats.md.
/// </remarks>
public sealed class UkeImporter : IFeedImporter
{
    private readonly ImportOptions _options;
    private readonly DiseaseCodeMapper _diseases;
    private readonly List<string> _warnings = [];

    public UkeImporter(ImportOptions options, DiseaseMaster? diseaseMaster)
    {
        _options = options;
        _diseases = new DiseaseCodeMapper(diseaseMaster, Warn);
    }

    public IReadOnlyList<string> Warnings => _warnings;

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

        await foreach (var raw in UkeLineReader.ReadAsync(input, ct))
        {
            lastLine = raw.Number;
            lastTerminated = raw.Terminated;
            if (raw.Bytes.Length == 0 || raw.Bytes is [0x1A]) continue; // blank line, or the DOS end-of-file mark
            if (raw.Terminated && !raw.CrLf) Warn("lines end with LF only; the spec asks for CR LF (read anyway)");

            if (!encodingChecked && UkeText.HasNonAscii(raw.Bytes))
            {
                encodingChecked = true;
                if (UkeText.LooksLikeUtf8(raw.Bytes))
                {
                    yield return Reject(raw.Number, $"the file is UTF-8, not Shift_JIS (line {raw.Number} is valid UTF-8 with multi-byte characters): UKE files must be Shift_JIS (CP932); nothing was read", fileName);
                    yield break;
                }
            }

            // An undecodable line is still routed by its (ASCII) record id, so that the right receipt is rejected.
            var text = Decode(raw, out var undecodable);
            var fields = text.Split(',');
            var record = new UkeRecordLine(fields[0].Trim(), raw.Number, fields);
            if (undecodable is not null && record.Id is not ("RE" or "IR" or "YK"))
            {
                if (receipt is not null) receipt.Fail(undecodable);
                else yield return Reject(raw.Number, undecodable, fileName);
                continue;
            }

            if (goLine is not null)
            {
                yield return Reject(raw.Number, $"{record.Id} record after the GO trailer on line {goLine}: not read", fileName);
                continue;
            }

            if (record.Id is "IR" or "YK")
            {
                if (receipt is not null)
                {
                    yield return Finish(receipt, fileName, totals);
                    receipt = null;
                }

                (facility, facilityProblem) = undecodable is null ? ReadFacility(record) : (null, undecodable);
                if (facilityProblem is not null) yield return Reject(raw.Number, facilityProblem, fileName);
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
                if (undecodable is not null) receipt.Fail(undecodable);
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
                foreach (var problem in CheckTotals(record, totals))
                {
                    yield return Reject(raw.Number, problem, fileName);
                }

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
                if (record.Id != "UK") yield return Reject(raw.Number, $"{record.Id} record before the IR/YK facility record: not read", fileName);
                continue;
            }

            if (!facility.Layout.IsReceiptRecord(record.Id))
            {
                yield return Reject(raw.Number, $"unknown record id '{record.Id}' for a {facility.Layout.Variant.ToString().ToLowerInvariant()} UKE file: record not read", fileName);
                continue;
            }

            if (receipt is null)
            {
                yield return Reject(raw.Number, $"{record.Id} record outside a receipt (no RE before it): not read", fileName);
                continue;
            }

            receipt.Add(record);
        }

        if (receipt is not null) yield return Finish(receipt, fileName, totals);

        if (lastLine == 0)
        {
            yield return Reject(1, "the file is empty", fileName);
        }
        else if (goLine is null)
        {
            var ending = lastTerminated ? string.Empty : $" and its last line {lastLine} has no line end";
            yield return Reject(lastLine, $"the file ends without a GO (診療報酬請求書) record{ending}: it looks truncated, so its receipt count and total points could not be checked", fileName);
        }
    }

    private void Warn(string warning)
    {
        if (!_warnings.Contains(warning)) _warnings.Add(warning);
    }

    private static ImportedLine Reject(int line, string reason, string fileName) => new(line, null, reason) { FileName = fileName };

    /// <summary>The line's text; when it is not Shift_JIS, a lenient decoding and the problem naming the first bad byte.</summary>
    private static string Decode(UkeRawLine raw, out string? problem)
    {
        problem = null;
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

    private static ImportedLine Finish(UkeReceiptBuilder receipt, string fileName, UkeClaimTotals totals)
    {
        var outcome = receipt.Build();
        if (outcome.ClaimedPoints is { } claimed) totals.Points += claimed;
        else totals.UnreadablePoints++;
        return new ImportedLine(receipt.Line, outcome.Event, outcome.Reason) { FileName = fileName };
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

    /// <summary>Compares the GO trailer with the receipts read: their number, and the sum of their HO (or KO) total points.</summary>
    private static IEnumerable<string> CheckTotals(UkeRecordLine go, UkeClaimTotals totals)
    {
        string countText, pointsText;
        try
        {
            countText = go.Field(C.Common.GoReceiptCount, "総件数 (receipt count)");
            pointsText = go.Field(C.Common.GoTotalPoints, "総合計点数 (total points)");
        }
        catch (RejectedInput rejection)
        {
            return [rejection.Message];
        }

        var problems = new List<string>();
        if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            problems.Add($"GO line {go.Line}: 総件数 (receipt count, column 2) '{countText}' is not a number");
        }
        else if (count != totals.Receipts)
        {
            problems.Add($"GO line {go.Line}: 総件数 (receipt count, column 2) says {count} receipts but the file has {totals.Receipts} RE records");
        }

        if (!long.TryParse(pointsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var total))
        {
            problems.Add($"GO line {go.Line}: 総合計点数 (total points, column 3) '{pointsText}' is not a number");
        }
        else if (total != totals.Points)
        {
            var unread = totals.UnreadablePoints > 0 ? $" ({totals.UnreadablePoints} receipt(s) had no readable total points)" : string.Empty;
            problems.Add($"GO line {go.Line}: 総合計点数 (total points, column 3) says {total} but the receipts' HO/KO total points add up to {totals.Points}{unread}");
        }

        return problems;
    }
}
