using System.Text;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Fhir;

/// <summary>FHIR R4 bulk NDJSON (JP Core and Synthea shapes): Patients first, every resource mapped or named.</summary>
public sealed class FhirBulkImporterTests
{
    private static readonly DateOnly SatoBirth = new(1950, 3, 14);
    private static readonly DateOnly SuzukiBirth = new(1980, 1, 2);

    private static FhirBulkImporter Importer(bool withMaster = true, FhirMappingOptions? fhir = null) =>
        (FhirBulkImporter)FeedImporters.Create(FeedFormat.Fhir, Options(withMaster, fhir));

    private static async Task<List<ImportedLine>> ReadExportAsync(FhirBulkImporter importer, params string[] paths)
    {
        var lines = new List<ImportedLine>();
        await foreach (var line in importer.ReadAsync(paths.Select(p => PathOf(p)).ToList(), CancellationToken.None)) lines.Add(line);
        return lines;
    }

    private static FeedEvent EventOf(List<ImportedLine> lines, string recordId) =>
        Assert.Single(lines, l => l.Event?.RecordId == recordId).Event!;

    private static string ReasonOf(List<ImportedLine> lines, string fileEnd, int line) =>
        Assert.Single(lines, l => l.File!.EndsWith(fileEnd, StringComparison.Ordinal) && l.Line == line && l.Event is null).Reason!;

    [Fact]
    public async Task Patients_are_read_first_whatever_the_order_of_the_files()
    {
        var lines = await ReadExportAsync(Importer(), "fhir/Observation.ndjson", "fhir/Patient.ndjson");

        Assert.Equal("Patient/p1/death", lines[0].Event!.RecordId);
        Assert.NotNull(EventOf(lines, "Observation/o1"));
        Assert.Equal(Tokenizer.Id2("サトウ ハナコ", SatoBirth, Sex.F), EventOf(lines, "Observation/o1").Subject.Id2);
    }

    [Fact]
    public async Task Patient_identity_follows_the_JP_Core_mapping_and_a_death_becomes_a_death_event()
    {
        var lines = await ReadExportAsync(Importer(), "fhir/Patient.ndjson");

        var death = EventOf(lines, "Patient/p1/death");
        Assert.Equal(EventKind.Death, death.Kind);
        Assert.Equal(new DateOnly(2024, 6, 1), death.Date);
        Assert.Equal(3, death.Version);
        Assert.Equal(new DeathData { Underlying = "R99" }, death.Data);
        Assert.Equal(Tokenizer.Id1("06139999", "１２３", "４５６７", "01", SatoBirth, Sex.F), death.Subject.Id1);
        Assert.Equal("id1.5U8WoGpworlt4Alycj2mTg", death.Subject.Id1);
        Assert.Equal("id2.Q3YNYmq9dWQhgNdq6Tx_4Q", death.Subject.Id2);
        Assert.Null(death.Subject.Mid);
        Assert.Equal("1950-03", death.Subject.Birth);
        Assert.Equal(Sex.F, death.Subject.Sex);
        Assert.Equal("13", death.Subject.Pref);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Patient/p3: no identity", ReasonOf(lines, "Patient.ndjson", 3));
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_resource_referring_to_an_unknown_patient_is_reported_not_guessed()
    {
        var lines = await ReadExportAsync(Importer(), "fhir");

        Assert.Equal(
            "Condition/c3: Condition.subject refers to Patient/nobody, which is not among the patients read (Patient resources are read first)",
            ReasonOf(lines, "Condition.ndjson", 3));
    }

    [Fact]
    public async Task A_resource_referring_to_a_rejected_patient_says_why()
    {
        var lines = await ReadExportAsync(Importer(), "fhir");

        var reason = ReasonOf(lines, "Condition.ndjson", 5);
        Assert.StartsWith("Condition/c5: Condition.subject refers to Patient/p3, which was rejected (", reason);
        Assert.Contains("Patient.ndjson line 3", reason);
    }

    [Fact]
    public async Task A_resource_of_an_unknown_type_is_reported_and_known_unmapped_types_are_counted()
    {
        var importer = Importer();
        var lines = await ReadExportAsync(importer, "fhir/Patient.ndjson", "fhir/Foo.ndjson", "fhir/Encounter.ndjson");

        Assert.Equal("unknown resource type 'Foo': not a FHIR R4 resource", ReasonOf(lines, "Foo.ndjson", 1));
        Assert.DoesNotContain(lines, l => l.File!.EndsWith("Encounter.ndjson", StringComparison.Ordinal));
        Assert.Contains("Encounter resources (no events-v1 kind): 2 left out", importer.Warnings);
    }

    [Fact]
    public async Task An_export_directory_reads_every_NDJSON_file_and_takes_each_resource_type_from_the_resource()
    {
        // Issue 20: a directory used to skip files not named after a resource type (Synthea's Patient1.ndjson), and
        // then rejected every resource referring to its patients. The name no longer decides; the resource does.
        var importer = Importer();
        var lines = await ReadExportAsync(importer, "fhir");

        Assert.Equal("unknown resource type 'Foo': not a FHIR R4 resource", ReasonOf(lines, "Foo.ndjson", 1));
        Assert.DoesNotContain(importer.Warnings, w => w.Contains("Foo.ndjson", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.File!.EndsWith("Condition.ndjson", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Condition_becomes_an_outpatient_receipt_with_one_diagnosis()
    {
        var lines = await ReadExportAsync(Importer(), "fhir");

        var c1 = EventOf(lines, "Condition/c1");
        var data = Assert.IsType<ReceiptData>(c1.Data);
        Assert.Equal(new DateOnly(2024, 4, 10), c1.Date);
        Assert.Equal("outpatient", data.Setting);
        Assert.Null(data.Facility);
        Assert.Null(data.Points);
        Assert.Equal(new[] { new Diagnosis { Code = "E11.9" } }, data.Diagnoses);

        var c2 = EventOf(lines, "Condition/c2");
        Assert.Equal(new DateOnly(2024, 4, 11), c2.Date);
        Assert.Equal(new[] { new Diagnosis { Code = "E11.9", Suspected = true } }, ((ReceiptData)c2.Data!).Diagnoses);
        Assert.StartsWith("Condition/c4: Condition.code has no coding of an ICD-10 system", ReasonOf(lines, "Condition.ndjson", 4));
    }

    [Fact]
    public async Task A_receipt_disease_code_without_a_master_stays_JP()
    {
        var importer = Importer(withMaster: false);
        var lines = await ReadExportAsync(importer, "fhir/Patient.ndjson", "fhir/Condition.ndjson");

        Assert.Equal("JP:8831231", ((ReceiptData)EventOf(lines, "Condition/c2").Data!).Diagnoses[0].Code);
        Assert.Contains(importer.Warnings, w => w.Contains("no disease master", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Observations_map_to_lab_by_JLAC10_and_to_vitals_by_LOINC()
    {
        var lines = await ReadExportAsync(Importer(), "fhir");

        var lab = EventOf(lines, "Observation/o1");
        Assert.Equal(new LabData { Code = "3D046000001920402", Value = 8.1, Unit = "%" }, lab.Data);
        Assert.Equal(new DateOnly(2024, 4, 15), lab.Date);

        var sbp = EventOf(lines, "Observation/o2/sbp");
        var dbp = EventOf(lines, "Observation/o2/dbp");
        Assert.Equal(new VitalData { Type = "sbp", Value = 132, At = "2024-04-16T07:00:00+09:00" }, sbp.Data);
        Assert.Equal(new VitalData { Type = "dbp", Value = 84, At = "2024-04-16T07:00:00+09:00" }, dbp.Data);
        Assert.Equal(Tokenizer.Id2("スズキ イチロウ", SuzukiBirth, Sex.M), sbp.Subject.Id2);
        Assert.Equal("27", sbp.Subject.Pref);

        Assert.Equal(new VitalData { Type = "glucose", Value = 99.1, At = "2024-04-16T07:05:00+09:00" }, EventOf(lines, "Observation/o3").Data);
        Assert.StartsWith("Observation/o4: Observation.code has no JLAC10 coding (17 letters or digits", ReasonOf(lines, "Observation.ndjson", 4));
    }

    [Fact]
    public async Task Medications_and_surgery_map_with_their_days_and_complication()
    {
        var lines = await ReadExportAsync(Importer(), "fhir");

        var dispense = EventOf(lines, "MedicationDispense/md1");
        Assert.Equal(new MedicationData { Code = "3969010F1020", Days = 14 }, dispense.Data);
        Assert.Equal(new DateOnly(2024, 4, 12), dispense.Date);

        var request = EventOf(lines, "MedicationRequest/mr1");
        Assert.Equal(new MedicationData { Code = "2149039F1020", Days = 28 }, request.Data);
        Assert.Equal(new DateOnly(2024, 4, 20), request.Date);

        var surgery = EventOf(lines, "Procedure/pr1");
        Assert.Equal(new SurgeryData { Code = "K5493", Complication = true }, surgery.Data);
        Assert.Equal(new DateOnly(2024, 4, 18), surgery.Date);
    }

    [Fact]
    public async Task Claims_and_benefit_explanations_become_receipts()
    {
        var lines = await ReadExportAsync(Importer(), "fhir");

        var claim = EventOf(lines, "Claim/cl1");
        var data = Assert.IsType<ReceiptData>(claim.Data);
        Assert.Equal(new DateOnly(2024, 4, 18), claim.Date);
        Assert.Equal("inpatient", data.Setting);
        Assert.Equal("1311234567", data.Facility);
        Assert.Equal(new[] { new Diagnosis { Code = "K80.2", Main = true }, new Diagnosis { Code = "E11.9", Suspected = true } }, data.Diagnoses);
        Assert.Equal(new[] { "150254010" }, data.Procedures);
        Assert.Equal(new[] { new DrugUse { Code = "3969010F1020" } }, data.Drugs);
        Assert.Equal(12345, data.Points);

        var benefit = EventOf(lines, "ExplanationOfBenefit/eob1");
        var benefitData = Assert.IsType<ReceiptData>(benefit.Data);
        Assert.Equal("outpatient", benefitData.Setting);
        Assert.Equal(456, benefitData.Points);
        Assert.Equal(new DateOnly(2024, 4, 5), benefit.Date);
        Assert.Equal(Tokenizer.Id2("スズキ イチロウ", SuzukiBirth, Sex.M), benefit.Subject.Id2);
    }

    [Fact]
    public async Task Every_event_of_the_export_is_valid_per_events_v1()
    {
        var lines = await ReadExportAsync(Importer(), "fhir");

        Assert.Equal(12, lines.Count(l => l.Event is not null));
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_Synthea_export_maps_with_the_Synthea_options()
    {
        const string uuid = "b5d1c1a6-6f3e-4b8c-9a55-0f2d2a6b7c11";
        var lines = await ReadExportAsync(Importer(fhir: FhirMappingOptions.Synthea), "fhir-synthea");

        var weight = Assert.Single(lines).Event!;
        Assert.Equal(Tokenizer.Mid(uuid), weight.Subject.Mid);
        Assert.Equal(Tokenizer.Id2("Smith John", new DateOnly(1961, 7, 4), Sex.M), weight.Subject.Id2);
        Assert.Null(weight.Subject.Pref);
        Assert.Equal(new VitalData { Type = "weight", Value = 81.647, At = "2019-02-17T10:39:42-05:00" }, weight.Data);
        Assert.Equal(new DateOnly(2019, 2, 17), weight.Date);
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task The_same_Synthea_patient_under_JP_Core_options_has_no_identity()
    {
        var lines = await ReadExportAsync(Importer(), "fhir-synthea");

        Assert.StartsWith("Patient/b5d1c1a6-6f3e-4b8c-9a55-0f2d2a6b7c11: no identity", ReasonOf(lines, "Patient.ndjson", 1));
        Assert.Contains("refers to Patient/b5d1c1a6-6f3e-4b8c-9a55-0f2d2a6b7c11, which was rejected", ReasonOf(lines, "Observation.ndjson", 1));
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_read_in_two_passes_all_the_same()
    {
        var export = File.ReadAllText(PathOf("fhir", "Observation.ndjson")) + File.ReadAllText(PathOf("fhir", "Patient.ndjson"));

        var lines = await ReadAsync(Importer(), new ForwardOnlyStream(Encoding.UTF8.GetBytes(export)), "export.ndjson");

        Assert.Equal(Tokenizer.Id2("サトウ ハナコ", SatoBirth, Sex.F), EventOf(lines, "Observation/o1").Subject.Id2);
        Assert.NotNull(EventOf(lines, "Patient/p1/death"));
    }

    [Fact]
    public async Task A_single_stream_reads_its_patients_first_and_resolves_references_by_identifier()
    {
        var ndjson = string.Join('\n',
            """{"resourceType":"Observation","id":"x1","status":"final","category":[{"coding":[{"code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"identifier":{"system":"http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID","value":"06139999:１２３:４５６７:01"}},"effectiveDateTime":"2024-04-01T08:00:00+09:00","valueQuantity":{"value":72,"code":"/min"}}""",
            "",
            """{"resourceType":"Patient","id":"p1","identifier":[{"system":"http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID","value":"06139999:１２３:４５６７:01"}],"gender":"female","birthDate":"1950-03-14"}""",
            "{not json");

        var lines = await ReadBytesAsync(Importer(), Encoding.UTF8.GetBytes(ndjson), "mixed.ndjson");

        var heartRate = Assert.Single(lines, l => l.Event is not null);
        Assert.Equal(1, heartRate.Line);
        Assert.Equal(new VitalData { Type = "hr", Value = 72, At = "2024-04-01T08:00:00+09:00" }, heartRate.Event!.Data);
        Assert.Equal("id1.5U8WoGpworlt4Alycj2mTg", heartRate.Event.Subject.Id1);
        Assert.Null(heartRate.Event.Subject.Id2);
        var broken = Assert.Single(lines, l => l.Event is null);
        Assert.Equal(4, broken.Line);
        Assert.StartsWith("the line is not valid JSON", broken.Reason);
    }

    [Fact]
    public async Task A_resource_that_is_not_valid_FHIR_is_named_with_the_parser_message()
    {
        var ndjson = """{"resourceType":"Observation","id":"bad","status":"final","valueQuantity":{"value":"many"}}""";

        var lines = await ReadBytesAsync(Importer(), Encoding.UTF8.GetBytes(ndjson));

        Assert.StartsWith("Observation: Observation is not valid FHIR R4 JSON:", Assert.Single(lines).Reason);
    }

    [Fact]
    public void A_path_that_names_nothing_is_refused_before_reading()
    {
        Assert.Throws<FileNotFoundException>(() => FhirBulkImporter.ExpandPaths([PathOf("no-such-export")]));
    }
}
