using System.Collections.Immutable;
using System.Globalization;
using Linkage.Feeds;
using C = Linkage.Client.Import.Uke.UkeColumns;

namespace Linkage.Client.Import.Uke;

/// <summary>Collects the records of one receipt (an RE line and the records up to the next RE or GO) and maps them onto a receipt event.</summary>
internal sealed class UkeReceiptBuilder(
    UkeFacility? facility,
    string? facilityProblem,
    UkeRecordLine re,
    ImportOptions options,
    DiseaseCodeMapper diseases,
    Action<string> warn)
{
    /// <summary>
    /// The most records one receipt holds: a month's inpatient receipt has some thousands of lines, so more is not a
    /// receipt, and holding them all would let one file take any amount of memory.
    /// </summary>
    public const int MaxRecords = 50_000;

    private readonly List<UkeRecordLine> _records = [];
    private string? _failure;

    /// <summary>The RE line, where the receipt's result is reported.</summary>
    public int Line => re.Line;

    /// <summary>The lines the receipt answers for: its RE line and every line added to it since.</summary>
    public int Lines { get; private set; } = 1;

    public void Add(UkeRecordLine record)
    {
        Lines++;
        if (_records.Count < MaxRecords) _records.Add(record);
        else Fail($"the receipt has more than {MaxRecords} records (line {record.Line} is one too many): not read");
    }

    /// <summary>Marks the receipt as not takeable, e.g. when one of its lines could not be decoded.</summary>
    public void Fail(string reason) => _failure ??= reason;

    /// <summary>Takes a line of the receipt that could not be read: it is the receipt's, and costs the receipt.</summary>
    public void FailOn(string reason)
    {
        Lines++;
        Fail(reason);
    }

    /// <summary>The receipt's event held to the events-v1 rules, or why it was rejected; never throws for bad input.</summary>
    /// <param name="cutShort">True for the receipt a file ends in without its GO: it may lack its last records, so it is not taken.</param>
    public UkeReceiptOutcome Build(string fileName, bool cutShort = false)
    {
        var claimed = ClaimedPoints();
        if (_failure is not null) return new UkeReceiptOutcome(ImportedLine.Rejected(fileName, Line, _failure), claimed);
        if (facility is null)
        {
            return new UkeReceiptOutcome(ImportedLine.Rejected(fileName, Line, facilityProblem ?? "no IR/YK facility record comes before this receipt"), claimed);
        }

        try
        {
            var receipt = Map(facility);
            if (cutShort)
            {
                return new UkeReceiptOutcome(
                    ImportedLine.Rejected(fileName, Line, "the file ends in this receipt without a GO (診療報酬請求書) record: the receipt may be cut short, so it is not taken"),
                    claimed);
            }

            return new UkeReceiptOutcome(ImportedLine.Mapped(fileName, Line, receipt), claimed);
        }
        catch (RejectedInput rejection)
        {
            return new UkeReceiptOutcome(ImportedLine.Rejected(fileName, Line, rejection.Message), claimed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Input no rule above foresaw: it rejects this receipt rather than ending the import.
            return new UkeReceiptOutcome(ImportedLine.Rejected(fileName, Line, $"the receipt could not be mapped: {ex.Message}"), claimed);
        }
    }

    private FeedEvent Map(UkeFacility at)
    {
        var layout = at.Layout;
        var receiptNumber = re.Field(C.Common.ReReceiptNumber, "レセプト番号 (receipt number)");
        if (receiptNumber.Length == 0 || !receiptNumber.All(char.IsAsciiDigit)) throw re.Bad(C.Common.ReReceiptNumber, "レセプト番号 (receipt number)", $"'{receiptNumber}' is not a number");
        var receiptType = re.Field(C.Common.ReReceiptType, "レセプト種別 (receipt type)");
        if (receiptType.Length != 4 || !receiptType.All(char.IsAsciiDigit)) throw re.Bad(C.Common.ReReceiptType, "レセプト種別 (receipt type)", $"'{receiptType}' is not a 4-digit code");
        var monthText = re.Field(C.Common.ReServiceMonth, "診療年月 (service month)");
        if (!UkeDate.TryParseMonth(monthText, out var serviceMonth)) throw re.Bad(C.Common.ReServiceMonth, "診療年月 (service month)", $"'{monthText}' is not a month (YYYYMM)");
        var sexText = re.Field(C.Common.ReSex, "男女区分 (sex)");
        var sex = sexText switch
        {
            "1" => Sex.M,
            "2" => Sex.F,
            _ => throw re.Bad(C.Common.ReSex, "男女区分 (sex)", $"'{sexText}' is not 1 (male) or 2 (female)"),
        };
        var birthText = re.Field(C.Common.ReBirthDate, "生年月日 (birth date)");
        if (!UkeDate.TryParseDate(birthText, out var birth)) throw re.Bad(C.Common.ReBirthDate, "生年月日 (birth date)", $"'{birthText}' is not a real date (YYYYMMDD)");
        if (birth > serviceMonth.AddMonths(1).AddDays(-1)) throw re.Bad(C.Common.ReBirthDate, "生年月日 (birth date)", $"{birth:yyyy-MM-dd} is after the service month {serviceMonth:yyyy-MM}");

        var subject = Identity(layout, birth, sex);
        var diagnoses = Diagnoses(layout);
        var (procedures, drugs, firstDay) = layout.Variant == UkeVariant.Pharmacy ? Dispensing(serviceMonth) : Items(layout, serviceMonth);

        return new FeedEvent
        {
            Source = options.Source,
            RecordId = $"{at.Code}-{UkeDate.MonthText(at.ClaimMonth)}-{at.Payer}-{receiptNumber.TrimStart('0').PadLeft(1, '0')}",
            Version = 1,
            Kind = EventKind.Receipt,
            Date = firstDay is { } day ? serviceMonth.AddDays(day - 1) : serviceMonth,
            Subject = subject,
            Data = new ReceiptData
            {
                Setting = layout.Variant switch
                {
                    UkeVariant.Dental => "dental",
                    UkeVariant.Pharmacy => "pharmacy",
                    // The 4th digit of the receipt type is odd for inpatient receipts (本入, 六入, 家入, 高入一, 高入7).
                    _ => (receiptType[3] - '0') % 2 == 1 ? "inpatient" : "outpatient",
                },
                Facility = at.Code,
                Diagnoses = diagnoses,
                Procedures = procedures,
                Drugs = drugs,
                Points = Points(),
            },
        };
    }

    private Subject Identity(UkeLayout layout, DateOnly birth, Sex sex)
    {
        string? id1 = null;
        var hos = Records("HO");
        if (hos.Count > 1) throw new RejectedInput($"HO lines {hos[0].Line} and {hos[1].Line}: a receipt has one HO (insurance) record");
        if (hos.Count == 1)
        {
            var ho = hos[0];
            var insurer = Normalized(ho.Field(C.Common.HoInsurer, "保険者番号 (insurer number)"));
            if (insurer.Length is 0 or > 8 || !insurer.All(char.IsAsciiDigit)) throw ho.Bad(C.Common.HoInsurer, "保険者番号 (insurer number)", $"'{insurer}' is not 1 to 8 digits");
            var symbol = ho.Field(C.Common.HoSymbol, "被保険者証等の記号 (insured symbol)");
            var number = ho.Field(C.Common.HoNumber, "被保険者証等の番号 (insured number)");
            if (Normalized(number).Length == 0) throw ho.Bad(C.Common.HoNumber, "被保険者証等の番号 (insured number)", "is empty");
            id1 = options.Tokenizer.Id1(insurer, symbol, number, Branch(), birth, sex);
        }

        var kana = KanaOf(layout);
        var id2 = kana is null ? null : options.Tokenizer.Id2(kana, birth, sex);
        if (id1 is null && id2 is null)
        {
            var kanaColumn = layout.ReKanaName is { } k ? $"カタカナ（氏名） (column {k + 1}) or " : string.Empty;
            throw new RejectedInput($"no identity: no HO record for id1 and no katakana name in RE {kanaColumn}氏名 (column {C.Common.ReName + 1}) for id2");
        }

        return new Subject { Id1 = id1, Id2 = id2, Birth = birth.ToString("yyyy-MM", CultureInfo.InvariantCulture), Sex = sex };
    }

    /// <summary>The branch number (枝番) from the SN record of the medical insurance; empty when there is none.</summary>
    private string Branch()
    {
        foreach (var sn in Records("SN"))
        {
            if (sn.Field(C.Common.SnPayerKind, "負担者種別 (payer kind)") != C.InsurancePayerKind) continue;
            var branch = Normalized(sn.Field(C.Common.SnBranch, "枝番 (branch number)"));
            if (branch.Length > 2 || !branch.All(char.IsAsciiDigit)) throw sn.Bad(C.Common.SnBranch, "枝番 (branch number)", $"'{branch}' is not 2 digits");
            return branch;
        }

        return string.Empty;
    }

    /// <summary>The katakana name: RE カタカナ（氏名）, else 氏名 when it is written in kana (half-width katakana names are).</summary>
    private string? KanaOf(UkeLayout layout)
    {
        if (layout.ReKanaName is { } column && re.OptionalField(column) is { Length: > 0 } kana)
        {
            if (KanaName.IsKana(kana)) return kana;
            warn($"line {re.Line}: RE カタカナ（氏名） (column {column + 1}) is not katakana; not used for id2");
        }

        var name = re.OptionalField(C.Common.ReName);
        return KanaName.IsKana(name) ? name : null;
    }

    private ImmutableArray<Diagnosis> Diagnoses(UkeLayout layout)
    {
        if (layout.DiagnosisRecord is null) return [];
        var diagnoses = ImmutableArray.CreateBuilder<Diagnosis>();
        foreach (var sy in Records(layout.DiagnosisRecord))
        {
            var code = sy.Field(layout.DiagnosisCode, "傷病名コード (disease code)");
            if (code.Length != 7 || !code.All(char.IsAsciiDigit)) throw sy.Bad(layout.DiagnosisCode, "傷病名コード (disease code)", $"'{code}' is not 7 digits");
            var modifiers = sy.Field(layout.DiagnosisModifiers, "修飾語コード (modifier codes)");
            if (modifiers.Length % C.ModifierLength != 0) throw sy.Bad(layout.DiagnosisModifiers, "修飾語コード (modifier codes)", $"'{modifiers}' is not a run of 4-character codes");
            var suspected = Enumerable.Range(0, modifiers.Length / C.ModifierLength)
                .Any(i => modifiers.Substring(i * C.ModifierLength, C.ModifierLength) == C.SuspectedModifier);
            var main = sy.Field(layout.DiagnosisMain, "主傷病 (main diagnosis)") == C.MainDiagnosis;
            diagnoses.Add(new Diagnosis { Code = diseases.Map(code), Suspected = suspected, Main = main });
        }

        return diagnoses.ToImmutable();
    }

    /// <summary>Procedures and drugs of SI/IY/TO/SS lines, grouped by the point-on-last-line rule.</summary>
    /// <remarks>
    /// Lines that are billed together (点数・回数算定単位) leave 点数 and 回数 blank on all but the last line of the group,
    /// which carries the points, count and day columns for the whole group. A line with its own day columns keeps them.
    /// </remarks>
    private (ImmutableArray<string> Procedures, ImmutableArray<DrugUse> Drugs, int? FirstDay) Items(UkeLayout layout, DateOnly serviceMonth)
    {
        var procedures = new List<string>();
        var drugs = ImmutableArray.CreateBuilder<DrugUse>();
        var pending = new List<(UkeRecordLine Record, UkeItemColumns Columns, string Code, int[] Days)>();
        int? firstDay = null;
        var daysInMonth = DateTime.DaysInMonth(serviceMonth.Year, serviceMonth.Month);

        foreach (var record in _records)
        {
            if (!layout.Items.TryGetValue(record.Id, out var columns)) continue;
            var code = record.Field(columns.Code, columns.CodeName);
            if (code.Length != 9 || !code.All(char.IsAsciiDigit)) throw record.Bad(columns.Code, columns.CodeName, $"'{code}' is not 9 digits");
            if (record.Fields.Length < columns.MinimumFields)
            {
                throw new RejectedInput($"{record.Id} line {record.Line}: the record has {record.Fields.Length} columns, {columns.MinimumFields} expected up to 31日の情報 (truncated?)");
            }

            var days = DaysWithCount(record, columns, daysInMonth);
            pending.Add((record, columns, code, days));
            var pointsText = record.Field(columns.Points, "点数 (points)");
            if (pointsText.Length == 0) continue;

            if (!int.TryParse(pointsText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) throw record.Bad(columns.Points, "点数 (points)", $"'{pointsText}' is not a number");
            var countText = record.Field(columns.Count, "回数 (count)");
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw record.Bad(columns.Count, "回数 (count)", $"'{countText}' is not a count >= 1 on the line that carries the group's points");
            }

            // The last line closes the group: its day columns are the group's.
            foreach (var member in pending)
            {
                var memberDays = member.Days.Length > 0 ? member.Days : days;
                if (memberDays.Length > 0) firstDay = Math.Min(firstDay ?? int.MaxValue, memberDays[0]);
                switch (member.Columns.Role)
                {
                    case UkeItemRole.Procedure:
                        if (!procedures.Contains(member.Code)) procedures.Add(member.Code);
                        break;
                    case UkeItemRole.Drug:
                        drugs.Add(new DrugUse { Code = member.Code, Days = memberDays.Length > 0 ? memberDays.Length : null });
                        break;
                }
            }

            pending.Clear();
        }

        if (pending.Count > 0)
        {
            var (record, columns, _, _) = pending[0];
            throw record.Bad(columns.Points, "点数 (points)", "is blank and no later line of its group carries the group's points (they belong on the group's last line)");
        }

        return ([.. procedures], drugs.ToImmutable(), firstDay);
    }

    private static int[] DaysWithCount(UkeRecordLine record, UkeItemColumns columns, int daysInMonth)
    {
        var days = new List<int>();
        for (var day = 1; day <= C.DayColumns; day++)
        {
            var column = columns.FirstDay + day - 1;
            var text = record.Fields[column].Trim();
            if (text.Length == 0) continue;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) throw record.Bad(column, $"{day}日の情報 (day {day} count)", $"'{text}' is not a count");
            if (count == 0) continue;
            if (day > daysInMonth) throw record.Bad(column, $"{day}日の情報 (day {day} count)", $"has a count but the service month has {daysInMonth} days");
            days.Add(day);
        }

        return [.. days];
    }

    /// <summary>Drugs of a pharmacy receipt: each IY takes the 調剤数量 (days) of the CZ dispensing record before it.</summary>
    private (ImmutableArray<string> Procedures, ImmutableArray<DrugUse> Drugs, int? FirstDay) Dispensing(DateOnly serviceMonth)
    {
        var drugs = ImmutableArray.CreateBuilder<DrugUse>();
        int? quantity = null;
        int? firstDay = null;
        var seenDispensing = false;
        foreach (var record in _records)
        {
            if (record.Id == "CZ")
            {
                seenDispensing = true;
                var dayText = record.Field(C.Pharmacy.CzDispensingDay, "調剤月日 (dispensing day)");
                var day = DispensingDay(dayText, serviceMonth) ?? throw record.Bad(C.Pharmacy.CzDispensingDay, "調剤月日 (dispensing day)", $"'{dayText}' is not a day of the service month {serviceMonth:yyyy-MM}");
                firstDay = Math.Min(firstDay ?? int.MaxValue, day);
                var quantityText = record.Field(C.Pharmacy.CzQuantity, "調剤数量 (quantity)");
                quantity = quantityText.Length == 0 ? null
                    : int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q
                    : throw record.Bad(C.Pharmacy.CzQuantity, "調剤数量 (quantity)", $"'{quantityText}' is not a number");
            }
            else if (record.Id == "IY")
            {
                var code = record.Field(C.Pharmacy.IyCode, "医薬品コード (drug code)");
                if (code.Length != 9 || !code.All(char.IsAsciiDigit)) throw record.Bad(C.Pharmacy.IyCode, "医薬品コード (drug code)", $"'{code}' is not 9 digits");
                if (!seenDispensing) throw new RejectedInput($"IY line {record.Line}: comes before any CZ (調剤情報) record, so its days are unknown");
                drugs.Add(new DrugUse { Code = code, Days = quantity });
            }
        }

        return ([], drugs.ToImmutable(), firstDay);
    }

    private static int? DispensingDay(string text, DateOnly serviceMonth)
    {
        if (text.Length is not (1 or 2 or 4 or 8) || !text.All(char.IsAsciiDigit)) return null;
        var value = int.Parse(text, CultureInfo.InvariantCulture);
        var (month, day) = text.Length switch
        {
            1 or 2 => (serviceMonth.Month, value),
            4 => (value / 100, value % 100),
            8 => (value / 100 % 100, value % 100),
            _ => (0, 0),
        };
        if (text.Length == 8 && value / 10000 != serviceMonth.Year) return null;
        if (month != serviceMonth.Month || day < 1 || day > DateTime.DaysInMonth(serviceMonth.Year, serviceMonth.Month)) return null;
        return day;
    }

    /// <summary>Points of the receipt: HO 合計点数, or for a public-expense-only receipt the first KO's.</summary>
    private int? Points()
    {
        var ho = Records("HO").FirstOrDefault();
        if (ho is not null) return RequiredPoints(ho, C.Common.HoTotalPoints);
        var ko = Records("KO").FirstOrDefault();
        return ko is null ? null : RequiredPoints(ko, C.Common.KoTotalPoints);
    }

    private static int RequiredPoints(UkeRecordLine record, int column)
    {
        var text = record.Field(column, "合計点数 (total points)");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var points) ? points
            : throw record.Bad(column, "合計点数 (total points)", $"'{text}' is not a number");
    }

    /// <summary>The points this receipt adds to the GO total, when they can be read at all.</summary>
    private int? ClaimedPoints()
    {
        try
        {
            return Points();
        }
        catch (RejectedInput)
        {
            return null;
        }
    }

    private List<UkeRecordLine> Records(string id) => _records.Where(r => r.Id == id).ToList();

    /// <summary>The text as the tokenizer sees it (NFKC, no white space), to check digits the way they will be hashed.</summary>
    private static string Normalized(string text) => Linkage.Tokens.LinkageTokenizer.NormalizeText(text);
}
