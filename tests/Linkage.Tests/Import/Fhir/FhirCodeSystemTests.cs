using System.Text;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Fhir;

/// <summary>
/// A code goes into an events-v1 field only from a system of that field (YJ for medication.code, JLAC10 for lab.code,
/// ICD-10 for diagnoses, K-codes for surgery): codings of other systems, as Synthea's export is full of, are named in a
/// rejection, never stored as if they were the field's own.
/// </summary>
public sealed class FhirCodeSystemTests
{
    private const string Patient =
        """{"resourceType":"Patient","id":"s1","identifier":[{"system":"https://github.com/synthetichealth/synthea","value":"s1"}],"name":[{"use":"official","family":"Smith","given":["John"]}],"gender":"male","birthDate":"1961-07-04"}""";

    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private const string Yj = "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code";

    private static async Task<(List<ImportedLine> Lines, IFeedImporter Importer)> ReadAsync(params string[] resources)
    {
        var importer = FeedImporters.Create(FeedFormat.Fhir, Options(fhir: FhirMappingOptions.Synthea with { PrefectureFromAddress = false }));
        var lines = await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(string.Join('\n', [Patient, .. resources])), "export.ndjson");
        return (lines, importer);
    }

    private static string Request(params (string System, string Code)[] codings) =>
        $$$"""{"resourceType":"MedicationRequest","id":"mr1","status":"active","intent":"order","subject":{"reference":"Patient/s1"},"authoredOn":"2019-02-17","medicationCodeableConcept":{"coding":[{{{string.Join(',', codings.Select(c => $$"""{"system":"{{c.System}}","code":"{{c.Code}}"}"""))}}}]}}""";

    [Fact]
    public async Task An_RxNorm_medication_is_rejected_naming_its_coding_not_stored_as_a_YJ_code()
    {
        var (lines, _) = await ReadAsync(Request((RxNorm, "314076")));

        var request = Assert.Single(lines, l => l.Line == 2);
        Assert.Null(request.Event);
        Assert.Equal(
            $"MedicationRequest/mr1: MedicationRequest.medicationCodeableConcept has no YJ coding (of {Yj}, urn:oid:1.2.392.100495.20.1.73); it has {RxNorm}|314076: events-v1 medication.code is a YJ code",
            request.Reason);
    }

    [Fact]
    public async Task A_medication_coded_in_RxNorm_and_YJ_takes_the_YJ_code()
    {
        var (lines, _) = await ReadAsync(Request((RxNorm, "314076"), (Yj, "2149039F1020")));

        var request = Assert.Single(lines, l => l.Line == 2).Event!;
        Assert.Equal(new MedicationData { Code = "2149039F1020" }, request.Data);
    }

    [Fact]
    public async Task A_SNOMED_condition_and_a_LOINC_lab_are_rejected_naming_their_codings()
    {
        var (lines, _) = await ReadAsync(
            """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/s1"},"onsetDateTime":"2019-02-17","code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]}}""",
            """{"resourceType":"Observation","id":"o1","status":"final","category":[{"coding":[{"code":"laboratory"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"4548-4"}]},"subject":{"reference":"Patient/s1"},"effectiveDateTime":"2019-02-17T10:39:42-05:00","valueQuantity":{"value":6.1,"unit":"%"}}""");

        Assert.EndsWith("; it has http://snomed.info/sct|44054006", Assert.Single(lines, l => l.Line == 2).Reason);
        Assert.EndsWith("; it has http://loinc.org|4548-4: events-v1 lab.code is JLAC10", Assert.Single(lines, l => l.Line == 3).Reason);
        Assert.DoesNotContain(lines, l => l.IsEvent);
    }

    [Theory]
    [InlineData("http://hl7.org/fhir/sid/icd-10", "K359", false)] // ICD-10 appendicitis, shaped like a K-code
    [InlineData("http://snomed.info/sct", "K5493", false)]
    [InlineData("http://example.org/k-code", "K5493", true)]
    public async Task A_K_code_is_taken_only_from_a_system_that_is_not_another_terminology(string system, string code, bool taken)
    {
        var (lines, _) = await ReadAsync(
            $$"""{"resourceType":"Procedure","id":"pr1","status":"completed","subject":{"reference":"Patient/s1"},"code":{"coding":[{"system":"{{system}}","code":"{{code}}"}]},"performedDateTime":"2019-02-17"}""");

        var procedure = Assert.Single(lines, l => l.Line == 2);
        Assert.Equal(taken, procedure.IsEvent);
        if (taken) Assert.Equal(code, ((SurgeryData)procedure.Event!.Data!).Code);
        else Assert.EndsWith($"; it has {system}|{code}: events-v1 surgery.code is a K-code", procedure.Reason);
    }

    [Fact]
    public async Task A_claim_item_in_another_system_is_left_out_of_the_drugs_and_counted()
    {
        var (lines, importer) = await ReadAsync(
            $$$"""{"resourceType":"Claim","id":"cl1","status":"active","use":"claim","patient":{"reference":"Patient/s1"},"type":{"coding":[{"code":"pharmacy"}]},"created":"2019-02-17","provider":{"display":"x"},"priority":{"coding":[{"code":"normal"}]},"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"x"}}],"item":[{"sequence":1,"productOrService":{"coding":[{"system":"{{{RxNorm}}}","code":"314076"}]}},{"sequence":2,"productOrService":{"coding":[{"system":"{{{Yj}}}","code":"2149039F1020"}]}}]}""");

        var claim = (ReceiptData)Assert.Single(lines, l => l.Line == 2).Event!.Data!;
        Assert.Equal(new[] { new DrugUse { Code = "2149039F1020" } }, claim.Drugs);
        Assert.Contains("Claim.item.productOrService coded in neither a procedure nor a YJ medication system: 1 left out", importer.Warnings);
    }
}
