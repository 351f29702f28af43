using System.Text;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Fhir;

/// <summary>
/// Japanese FHIR as hospitals send it: JP Core / JP-CLINS Conditions coded only with MEDIS 標準病名マスター codes, a
/// JP-CLINS lab under the JP-CLINS JLAC10 code system, prescriptions in HOT9, HOT7 and generic names. The resources are
/// written here by hand after the JP-CLINS examples (jami-fhir-jp-wg/clinical-core has no licence that permits copying
/// them); the masters are the hand-written fixtures of TestData/import/jp-core; the expected events are written by hand.
/// </summary>
public sealed class JpCoreCodingTests
{
    private const string Member = "http://jpfhir.jp/fhir/eCS/Idsysmem/JP_Insurance_memberID";
    private static readonly DateOnly Birth = new(1950, 3, 14);

    private static readonly string Patient =
        $$$"""{"resourceType":"Patient","id":"jp1","identifier":[{"system":"{{{Member}}}","value":"00012345:あいう:１８７:05"}],"name":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation","valueCode":"SYL"}],"text":"トウキョウ タロウ"}],"gender":"male","birthDate":"1950-03-14"}""";

    private static string Condition(string id, string system, string code) =>
        $$$"""{"resourceType":"Condition","id":"{{{id}}}","subject":{"identifier":{"system":"{{{Member}}}","value":"00012345:あいう:１８７:05"}},"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},"category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category","code":"encounter-diagnosis"}]}],"code":{"coding":[{"system":"{{{system}}}","code":"{{{code}}}"}],"text":"病名"},"onsetDateTime":"2020-04-10"}""";

    private static string Lab(string id, string system, string code) =>
        $$$"""{"resourceType":"Observation","id":"{{{id}}}","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],"code":{"coding":[{"system":"http://jpfhir.jp/fhir/clins/CodeSystem/JP_CLINS_ObsLabResult_LocalCode_CS","code":"0198394_082","display":"血清カリウム"},{"system":"{{{system}}}","code":"{{{code}}}","display":"K"}],"text":"血清カリウム"},"subject":{"identifier":{"system":"{{{Member}}}","value":"00012345:あいう:１８７:05"}},"effectiveDateTime":"2024-04-15T09:00:00+09:00","valueQuantity":{"value":4.2,"unit":"mmol/L","system":"http://unitsofmeasure.org","code":"mmol/L"}}""";

    private static string Prescription(string id, string system, string code) =>
        $$$"""{"resourceType":"MedicationRequest","id":"{{{id}}}","status":"active","intent":"order","medicationCodeableConcept":{"coding":[{"system":"{{{system}}}","code":"{{{code}}}"}],"text":"薬"},"subject":{"identifier":{"system":"{{{Member}}}","value":"00012345:あいう:１８７:05"}},"authoredOn":"2024-04-20","dispenseRequest":{"expectedSupplyDuration":{"value":7,"unit":"日","system":"http://unitsofmeasure.org","code":"d"}}""" + "}";

    private static ImportOptions JpOptions(bool masters = true, FhirMappingOptions? fhir = null) => Options(fhir: fhir) with
    {
        DiseaseMasterPath = masters ? PathOf("jp-core", "disease-master.csv") : null,
        HotMasterPath = masters ? PathOf("jp-core", "hot-master.txt") : null,
    };

    private static async Task<List<ImportedLine>> ReadAsync(ImportOptions options, params string[] resources)
    {
        var importer = FeedImporters.Create(FeedFormat.Fhir, options);
        return await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(string.Join('\n', [Patient, .. resources])), "jp-core.ndjson");
    }

    private static Subject Tokyo => new()
    {
        Id1 = Tokenizer.Id1("00012345", "あいう", "１８７", "05", Birth, Sex.M),
        Id2 = Tokenizer.Id2("トウキョウ タロウ", Birth, Sex.M),
        Birth = "1950-03",
        Sex = Sex.M,
    };

    [Fact]
    public async Task Conditions_coded_only_with_a_MEDIS_key_number_or_exchange_code_become_ICD10_receipts_through_the_disease_master()
    {
        var lines = await ReadAsync(JpOptions(),
            Condition("c-key", "urn:oid:1.2.392.200119.4.101.2", "20064049"),
            Condition("c-url", "http://medis.or.jp/CodeSystem/master-disease-keyNumber", "20057484"),
            Condition("c-ex", "http://medis.or.jp/CodeSystem/master-disease-exCode", "JDKN"));

        var expected = new FeedEvent
        {
            Source = Source,
            RecordId = "Condition/c-key",
            Version = 1,
            Kind = EventKind.Receipt,
            Date = new DateOnly(2020, 4, 10),
            Subject = Tokyo,
            Data = new ReceiptData { Setting = "outpatient", Diagnoses = [new Diagnosis { Code = "K26.9" }] },
        };
        Assert.Equal(expected, lines.Single(l => l.Line == 2).Event);
        Assert.Equal(expected with { RecordId = "Condition/c-url", Data = new ReceiptData { Setting = "outpatient", Diagnoses = [new Diagnosis { Code = "C16.9" }] } }, lines.Single(l => l.Line == 3).Event);
        Assert.Equal(expected with { RecordId = "Condition/c-ex" }, lines.Single(l => l.Line == 4).Event);
    }

    [Fact]
    public async Task A_MEDIS_code_without_a_disease_master_is_refused_saying_which_master_to_get_and_from_whom()
    {
        var lines = await ReadAsync(JpOptions(masters: false), Condition("c-key", "urn:oid:1.2.392.200119.4.101.2", "20064049"));

        Assert.Equal(
            "Condition/c-key: Condition.code: MEDIS 病名管理番号 20064049 (urn:oid:1.2.392.200119.4.101.2) has no ICD-10 without a disease master: get "
            + "the 傷病名マスター (b_ALL*.txt) of the 診療報酬情報提供サービス (MHLW, https://shinryohoshu.mhlw.go.jp/), kept in step with MEDIS-DC's 標準病名マスター; give it with --disease-master",
            Assert.Single(lines).Reason);
    }

    [Fact]
    public async Task A_MEDIS_code_the_master_does_not_list_or_lists_without_ICD10_says_so()
    {
        var importer = FeedImporters.Create(FeedFormat.Fhir, JpOptions());
        var lines = await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(string.Join('\n',
            Patient, Condition("c-unknown", "urn:oid:1.2.392.200119.4.101.2", "20000000"), Condition("c-no-icd", "urn:oid:1.2.392.200119.4.101.6", "ZZZZ"))));

        Assert.Equal("Condition/c-unknown: Condition.code: MEDIS 病名管理番号 20000000 (urn:oid:1.2.392.200119.4.101.2) is not in the disease master given: a newer master may list it",
            lines.Single(l => l.Line == 2).Reason);
        Assert.Equal(new[] { new Diagnosis { Code = "JP:7999001" } }, ((ReceiptData)lines.Single(l => l.Line == 3).Event!.Data!).Diagnoses);
        Assert.Contains("disease code 7999001 has no ICD-10 code in the disease master: kept as JP:7999001", importer.Warnings);
    }

    [Fact]
    public async Task A_JP_CLINS_lab_coded_under_the_CLINS_JLAC10_code_system_is_a_lab_event()
    {
        var lines = await ReadAsync(JpOptions(),
            Lab("lab1", "http://jpfhir.jp/fhir/clins/CodeSystem/JLAC10/JP_CLINS_ObsLabResult_CoreLabo_CS", "3H015000001826101"),
            Lab("lab2", "http://jpfhir.jp/fhir/clins/CodeSystem/JP_CLINS_ObsLabResult_Uncoded_CS", "99999999999999999"));

        Assert.Equal(new FeedEvent
        {
            Source = Source,
            RecordId = "Observation/lab1",
            Version = 1,
            Kind = EventKind.Lab,
            Date = new DateOnly(2024, 4, 15),
            Subject = Tokyo,
            Data = new LabData { Code = "3H015000001826101", Value = 4.2, Unit = "mmol/L" },
        }, lines.Single(l => l.Line == 2).Event);

        // The JP-CLINS "not standardised" code (17 nines) is not a JLAC10 code: the lab is refused, naming what it has.
        Assert.StartsWith("Observation/lab2: Observation.code has no JLAC10 coding", lines.Single(l => l.Line == 3).Reason);
    }

    [Fact]
    public async Task A_lab_under_a_hospital_code_system_is_taken_once_the_operator_adds_the_system()
    {
        const string hospital = "http://hospital.example/fhir/CodeSystem/jlac10";
        var lab = Lab("lab3", hospital, "3H015000001826101");

        var refused = await ReadAsync(JpOptions(), lab);
        var taken = await ReadAsync(JpOptions(fhir: FhirMappingOptions.JpCore.WithSystems([CodeSystemSettings.Parse($"jlac10={hospital}")])), lab);

        Assert.Contains(hospital + "|3H015000001826101", Assert.Single(refused).Reason);
        Assert.Equal(new LabData { Code = "3H015000001826101", Value = 4.2, Unit = "mmol/L" }, Assert.Single(taken).Event!.Data);
    }

    [Fact]
    public async Task A_HOT9_prescription_maps_to_its_YJ_code_through_the_HOT_master_and_an_ambiguous_HOT7_is_refused()
    {
        var lines = await ReadAsync(JpOptions(),
            Prescription("mr-hot9", "http://medis.or.jp/CodeSystem/master-HOT9", "111111101"),
            Prescription("mr-hot13", "urn:oid:1.2.392.200119.4.402.1", "1111111020101"),
            Prescription("mr-hot7", "http://medis.or.jp/CodeSystem/master-HOT7", "1111111"),
            Prescription("mr-unknown", "http://medis.or.jp/CodeSystem/master-HOT9", "999999901"));

        Assert.Equal(new FeedEvent
        {
            Source = Source,
            RecordId = "MedicationRequest/mr-hot9",
            Version = 1,
            Kind = EventKind.Medication,
            Date = new DateOnly(2024, 4, 20),
            Subject = Tokyo,
            Data = new MedicationData { Code = "3969010F1020", Days = 7 },
        }, lines.Single(l => l.Line == 2).Event);
        Assert.Equal(new MedicationData { Code = "3969010F2026", Days = 7 }, lines.Single(l => l.Line == 3).Event!.Data);
        Assert.Equal("MedicationRequest/mr-hot7: MedicationRequest.medicationCodeableConcept has no YJ code: HOT7 1111111 stands for 2 YJ codes in the HOT code master (3969010F1020, 3969010F2026...): give HOT13 or YJ",
            lines.Single(l => l.Line == 4).Reason);
        Assert.Equal("MedicationRequest/mr-unknown: MedicationRequest.medicationCodeableConcept has no YJ code: HOT9 999999901 is not in the HOT code master given: a newer master may list it",
            lines.Single(l => l.Line == 5).Reason);
    }

    [Fact]
    public async Task A_HOT_prescription_without_a_HOT_master_is_refused_saying_to_get_MEDIS_DCs_master()
    {
        var lines = await ReadAsync(JpOptions(masters: false), Prescription("mr-hot9", "http://medis.or.jp/CodeSystem/master-HOT9", "111111101"));

        Assert.Equal("MedicationRequest/mr-hot9: MedicationRequest.medicationCodeableConcept has no YJ code: HOT9 111111101 has no YJ code without a HOT code master: "
            + "get MEDIS-DC's 医薬品HOTコードマスター (MEDIS*.TXT, https://www2.medis.or.jp/hcode/); give it with --hot-master", Assert.Single(lines).Reason);
    }

    [Fact]
    public async Task A_generic_name_prescription_is_refused_with_the_reason_unless_the_operators_map_names_its_YJ_code()
    {
        var prescription = Prescription("mr-generic", "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationGeneralOrderCode", "2149039F1ZZZ");

        var refused = await ReadAsync(JpOptions(), prescription);
        var mapped = await ReadAsync(JpOptions() with { GenericNameMapPath = PathOf("jp-core", "generic-name-map.csv") }, prescription);

        Assert.Equal("MedicationRequest/mr-generic: MedicationRequest.medicationCodeableConcept has no YJ code: generic name 2149039F1ZZZ: "
            + "a generic-name prescription (一般名処方) names no product, and MHLW's 一般名処方マスタ maps it to no single YJ code; "
            + "give --generic-name-map, a CSV of generic_code,yj_code that you choose (e.g. the YJ code your pharmacy dispenses)", Assert.Single(refused).Reason);
        Assert.Equal(new MedicationData { Code = "2149039F1020", Days = 7 }, Assert.Single(mapped).Event!.Data);
    }

    [Fact]
    public void A_code_systems_settings_file_adds_systems_and_a_bad_line_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"linkage-code-systems-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "# hospital systems\njlac10=http://hospital.example/lab\n\nHOT9 = http://hospital.example/hot9\n");
            Assert.Equal([(CodeSystemRole.Jlac10, "http://hospital.example/lab"), (CodeSystemRole.Hot9, "http://hospital.example/hot9")], CodeSystemSettings.Read(path));

            File.AppendAllText(path, "loinc=http://loinc.org\n");
            var error = Assert.Throws<FormatException>(() => CodeSystemSettings.Read(path));
            Assert.StartsWith($"{path} line 5: 'loinc' is not a code system role (", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
