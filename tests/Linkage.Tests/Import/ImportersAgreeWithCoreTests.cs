using System.Text;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import;

/// <summary>
/// The importers take a value exactly when core's parser takes the line it becomes: a line the client sends is
/// never rejected by the server for a rule the client read differently, and the reverse. Each case is a value the
/// client's own copy of the rules once judged otherwise than core.
/// </summary>
public sealed class ImportersAgreeWithCoreTests
{
    private const string DeathHeader = "record_id,kana_name,birth_date,sex,pref,death_date,cause_1a,cause_1b,cause_1c,cause_1d,cause_2,underlying,place";
    private const string MaternalHeader = "record_id,entry,date,mother_kana_name,mother_birth_date,pref,gest_weeks,birth_weight,child_kana_name,child_birth_date,child_sex,vaccine";

    public static TheoryData<string> RecordIds => new()
    {
        "D-1",
        "D\u00851",                  // C1 control (NEL)
        "D\u007f1",                  // DEL
        "D\t1",                      // C0 control
        new string('D', 128),
        new string('D', 129),
        string.Concat(Enumerable.Repeat("𠮷", 128)), // 128 characters, 256 UTF-16 units
        string.Concat(Enumerable.Repeat("𠮷", 129)),
    };

    [Theory]
    [MemberData(nameof(RecordIds))]
    public async Task A_record_id_is_taken_exactly_when_core_takes_it(string recordId)
    {
        await AgreesAsync(FeedFormat.DeathCsv, DeathHeader, Death(recordId: recordId), e => e with { RecordId = recordId });
    }

    [Theory]
    [InlineData("I21.9")]
    [InlineData("R99")]
    [InlineData("C7A.0")]
    [InlineData("I21.9999")]
    [InlineData("I21.99999")]
    [InlineData("I2")]
    [InlineData("123.4")]
    public async Task An_ICD10_code_is_taken_exactly_when_core_takes_it(string code)
    {
        await AgreesAsync(FeedFormat.DeathCsv, DeathHeader, Death(underlying: code), e => e with { Data = ((DeathData)e.Data!) with { Underlying = code } });
    }

    [Theory]
    [InlineData("2024-06-01", "1849-12-31")] // a birth year core finds implausible
    [InlineData("2024-06-01", "1850-01-01")]
    public async Task A_birth_year_is_taken_exactly_when_core_finds_it_plausible(string deathDate, string birthDate)
    {
        var death = DateOnly.Parse(deathDate, System.Globalization.CultureInfo.InvariantCulture);
        var birth = DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture);
        await AgreesAsync(
            FeedFormat.DeathCsv,
            DeathHeader,
            Death(birthDate: birthDate, deathDate: deathDate),
            e => e with
            {
                Date = death,
                Subject = e.Subject with { Birth = birthDate[..7], Id2 = Tokenizer.Id2("サトウ ハナコ", birth, Sex.F) },
            });
    }

    [Theory]
    [InlineData("2024-08-20")]
    [InlineData("1799-12-31")] // long ago, but a real date: core takes it
    public async Task A_clinical_date_is_taken_exactly_when_core_takes_it(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        await AgreesAsync(FeedFormat.MaternalCsv, MaternalHeader, $"M-5,vaccine,{date},,,,,,サトウ タロウ,2024-06-20,1,BCG", e => e with { Date = day });
    }

    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(64)]
    public async Task A_vaccine_code_is_taken_exactly_when_core_takes_its_length(int length)
    {
        var vaccine = new string('V', length);
        await AgreesAsync(
            FeedFormat.MaternalCsv,
            MaternalHeader,
            $"M-5,vaccine,2024-08-20,,,,,,サトウ タロウ,2024-06-20,1,{vaccine}",
            e => e with { Data = ((MaternalData)e.Data!) with { Vaccine = vaccine } });
    }

    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    public async Task A_FHIR_medication_code_is_taken_exactly_when_core_takes_its_length(int length)
    {
        var code = new string('1', length);
        var importer = FeedImporters.Create(FeedFormat.Fhir, Options());
        var lines = await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(FhirPatient + "\n" + FhirDispense(code) + "\n"), "export.ndjson");

        Agrees(Assert.Single(lines, l => l.Line == 2), Dispense(code));
    }

    private const string FhirPatient =
        """{"resourceType":"Patient","id":"p1","identifier":[{"system":"http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID","value":"06139999:１２３:４５６７:01"}],"gender":"female","birthDate":"1950-03-14"}""";

    private static string FhirDispense(string code) =>
        $$"""{"resourceType":"MedicationDispense","id":"md1","status":"completed","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"coding":[{"system":"http://capstandard.jp/iyaku.info/CodeSystem/YJ-code","code":"{{code}}"}]},"whenHandedOver":"2024-04-20"}""";

    private static FeedEvent Dispense(string code) => new()
    {
        Source = Source,
        RecordId = "MedicationDispense/md1",
        Version = 1,
        Kind = EventKind.Medication,
        Date = new DateOnly(2024, 4, 20),
        Subject = new Subject { Id1 = Tokenizer.Id1("06139999", "１２３", "４５６７", "01", new DateOnly(1950, 3, 14), Sex.F), Birth = "1950-03", Sex = Sex.F },
        Data = new MedicationData { Code = code },
    };

    private static string Death(string recordId = "D-1", string underlying = "I21.9", string birthDate = "1950-03-14", string deathDate = "2024-06-01") =>
        $"{recordId},サトウ ハナコ,{birthDate},2,13,{deathDate},I21.9,,,,,{underlying},1";

    /// <summary>
    /// Reads a good row and the edited one: the importer takes the edited row exactly when core takes the line of the
    /// good row's event edited the same way, and names core's reason when it does not.
    /// </summary>
    private static async Task AgreesAsync(FeedFormat format, string header, string row, Func<FeedEvent, FeedEvent> edit)
    {
        var good = await ReadBytesAsync(FeedImporters.Create(format, Options()), Encoding.UTF8.GetBytes($"{header}\n{GoodRow(format)}\n"));
        var expected = edit(Assert.Single(good, l => l.IsEvent).Event!);

        var lines = await ReadBytesAsync(FeedImporters.Create(format, Options()), Encoding.UTF8.GetBytes($"{header}\n{row}\n"));

        Agrees(Assert.Single(lines), expected);
    }

    /// <summary>Same verdict as core on the line of <paramref name="expected"/>; the same event, or core's reason where the importer cites core.</summary>
    private static void Agrees(ImportedLine imported, FeedEvent expected)
    {
        var core = FeedLineParser.Parse(FeedEventJson.ToJson(expected), imported.Line);
        Assert.True(core.IsAccepted == imported.IsEvent, $"core {(core.IsAccepted ? "takes" : "rejects")} it ({core.Rejection?.Reason}), the importer {(imported.IsEvent ? "takes" : "rejects")} it ({imported.Reason})");
        if (core.IsAccepted) Assert.Equal(core.Event, imported.Event);
        else if (imported.Reason!.Contains("breaks events-v1", StringComparison.Ordinal)) Assert.EndsWith("breaks events-v1: " + core.Rejection!.Reason, imported.Reason);
    }

    private static string GoodRow(FeedFormat format) => format == FeedFormat.DeathCsv
        ? Death()
        : "M-5,vaccine,2024-08-20,,,,,,サトウ タロウ,2024-06-20,1,BCG";

}
