using System.Text;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Fhir;

/// <summary>
/// A claim makes one receipt at most: a Synthea encounter's Claim and the ExplanationOfBenefit pointing back to it
/// are one receipt, and a claim with no diagnosis, procedure or drug events-v1 takes makes none (a warning names it).
/// </summary>
public sealed class FhirClaimReceiptTests
{
    private const string Uuid = "b5d1c1a6-6f3e-4b8c-9a55-0f2d2a6b7c11";
    private const string Yj = "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code";
    private const string Procedure = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/masterS-medicalProcedure";

    /// <summary>
    /// One Synthea patient with two encounters, written by hand in Synthea's shapes (urn:uuid references, SNOMED CT
    /// conditions, RxNorm drugs, USD totals). The first encounter's Condition carries an ICD-10 coding beside its
    /// SNOMED one and its drug a YJ coding beside the RxNorm one, as a Japanese mapping of the export adds; the second
    /// encounter is as Synthea writes it, with nothing events-v1 takes.
    /// </summary>
    private static readonly string[] Export =
    [
        $$$"""{"resourceType":"Patient","id":"{{{Uuid}}}","identifier":[{"system":"https://github.com/synthetichealth/synthea","value":"{{{Uuid}}}"}],"name":[{"use":"official","family":"Smith","given":["John"]}],"gender":"male","birthDate":"1961-07-04"}""",
        $$$"""{"resourceType":"Encounter","id":"enc1","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"subject":{"reference":"urn:uuid:{{{Uuid}}}"},"period":{"start":"2019-02-17T10:39:42-05:00","end":"2019-02-17T10:54:42-05:00"}}""",
        $$$"""{"resourceType":"Condition","id":"cond1","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006","display":"Diabetes"},{"system":"http://hl7.org/fhir/sid/icd-10","code":"E11.9"}]},"subject":{"reference":"urn:uuid:{{{Uuid}}}"},"encounter":{"reference":"urn:uuid:enc1"},"onsetDateTime":"2019-02-17T10:39:42-05:00","recordedDate":"2019-02-17T10:39:42-05:00"}""",
        $$$"""{"resourceType":"Claim","id":"claim1","status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"professional"}]},"use":"claim","patient":{"reference":"urn:uuid:{{{Uuid}}}"},"billablePeriod":{"start":"2019-02-17T10:39:42-05:00","end":"2019-02-17T10:54:42-05:00"},"created":"2019-02-17T10:54:42-05:00","provider":{"display":"PCP1"},"priority":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/processpriority","code":"normal"}]},"diagnosis":[{"sequence":1,"diagnosisReference":{"reference":"urn:uuid:cond1"}}],"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Medicare"}}],"item":[{"sequence":1,"productOrService":{"coding":[{"system":"http://snomed.info/sct","code":"185345009","display":"Encounter for symptom"},{"system":"{{{Procedure}}}","code":"111000110"}]},"encounter":[{"reference":"urn:uuid:enc1"}]},{"sequence":2,"diagnosisSequence":[1]},{"sequence":3,"productOrService":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975"},{"system":"{{{Yj}}}","code":"3962002F1026"}]}}],"total":{"value":129.16,"currency":"USD"}}""",
        $$$"""{"resourceType":"ExplanationOfBenefit","id":"eob1","status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"professional"}]},"use":"claim","patient":{"reference":"urn:uuid:{{{Uuid}}}"},"billablePeriod":{"start":"2019-02-17T10:39:42-05:00"},"created":"2019-02-17T10:54:42-05:00","insurer":{"display":"Medicare"},"provider":{"display":"PCP1"},"claim":{"reference":"urn:uuid:claim1"},"outcome":"complete","diagnosis":[{"sequence":1,"diagnosisReference":{"reference":"urn:uuid:cond1"}}],"insurance":[{"focal":true,"coverage":{"display":"Medicare"}}],"item":[{"sequence":1,"productOrService":{"coding":[{"system":"{{{Procedure}}}","code":"111000110"}]},"servicedPeriod":{"start":"2019-02-17T10:39:42-05:00"}},{"sequence":2,"productOrService":{"coding":[{"system":"{{{Yj}}}","code":"3962002F1026"}]}}],"total":[{"category":{"coding":[{"code":"submitted"}]},"amount":{"value":129.16,"currency":"USD"}}]}""",
        $$$"""{"resourceType":"Encounter","id":"enc2","status":"finished","class":{"code":"AMB"},"subject":{"reference":"urn:uuid:{{{Uuid}}}"},"period":{"start":"2020-03-01T09:00:00-05:00"}}""",
        $$$"""{"resourceType":"Claim","id":"claim2","status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"professional"}]},"use":"claim","patient":{"reference":"urn:uuid:{{{Uuid}}}"},"billablePeriod":{"start":"2020-03-01T09:00:00-05:00"},"created":"2020-03-01T09:15:00-05:00","provider":{"display":"PCP1"},"priority":{"coding":[{"code":"normal"}]},"insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Medicare"}}],"item":[{"sequence":1,"productOrService":{"coding":[{"system":"http://snomed.info/sct","code":"185349003"}]}},{"sequence":2,"productOrService":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"314076"}]}}],"total":{"value":85.0,"currency":"USD"}}""",
        $$$"""{"resourceType":"ExplanationOfBenefit","id":"eob2","status":"active","type":{"coding":[{"code":"professional"}]},"use":"claim","patient":{"reference":"urn:uuid:{{{Uuid}}}"},"billablePeriod":{"start":"2020-03-01T09:00:00-05:00"},"created":"2020-03-01T09:15:00-05:00","insurer":{"display":"Medicare"},"provider":{"display":"PCP1"},"claim":{"reference":"urn:uuid:claim2"},"outcome":"complete","insurance":[{"focal":true,"coverage":{"display":"Medicare"}}],"item":[{"sequence":1,"productOrService":{"coding":[{"system":"http://snomed.info/sct","code":"185349003"}]}}]}""",
    ];

    private static FhirBulkImporter Importer() => (FhirBulkImporter)FeedImporters.Create(FeedFormat.Fhir, Options(fhir: FhirMappingOptions.Synthea));

    [Fact]
    public async Task A_Synthea_encounter_with_its_Claim_and_ExplanationOfBenefit_gives_exactly_one_receipt_with_the_claims_codes()
    {
        var importer = Importer();

        var lines = await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(string.Join('\n', Export)), "Patient1.ndjson");

        var claims = lines.Where(l => l.Event?.RecordId.Split('/')[0] is "Claim" or "ExplanationOfBenefit").ToList();
        var line = Assert.Single(claims);
        var receipt = line.Event!;
        Assert.Equal("Claim/claim1", receipt.RecordId);
        Assert.Equal(4, line.Line);
        var data = Assert.IsType<ReceiptData>(receipt.Data);
        Assert.Equal(new DateOnly(2019, 2, 17), receipt.Date);
        Assert.Equal("outpatient", data.Setting);
        Assert.Equal(new[] { new Diagnosis { Code = "E11.9" } }, data.Diagnoses);
        Assert.Equal(new[] { "111000110" }, data.Procedures);
        Assert.Equal(new[] { new DrugUse { Code = "3962002F1026" } }, data.Drugs);
        Assert.Null(data.Points);
        Assert.Equal(Tokenizer.Mid(Uuid), receipt.Subject.Mid);
    }

    [Fact]
    public async Task A_claim_with_nothing_to_say_makes_no_receipt_and_a_warning_names_it()
    {
        var importer = Importer();

        var lines = await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(string.Join('\n', Export)), "Patient1.ndjson");

        Assert.DoesNotContain(lines, l => l.Event?.RecordId is "Claim/claim2" or "ExplanationOfBenefit/eob2" or "ExplanationOfBenefit/eob1");
        Assert.DoesNotContain(lines, l => l.Line is 5 or 7 or 8);
        Assert.Contains(
            "Claim/claim2: no diagnosis, procedure or drug of a system events-v1 takes (ICD-10 or receipt disease codes, procedure codes, YJ codes): no receipt made",
            importer.Warnings);
        Assert.DoesNotContain(importer.Warnings, w => w.Contains("eob1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_lines_that_make_no_receipt_are_counted_as_skipped_with_their_reasons()
    {
        var importer = Importer();

        var lines = await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(string.Join('\n', Export)), "Patient1.ndjson");

        // Line 3, the Condition, is a receipt of its own (its ICD-10 coding); line 4 the claim's receipt.
        Assert.Equal([3, 4], lines.Select(l => l.Line).Order());
        var skipped = importer.Skipped.ToDictionary(s => s.Reason, s => s.Count);
        Assert.Equal(1, skipped["Patient without a death (read for the identity of the resources that refer to it)"]);
        Assert.Equal(2, skipped["Encounter resources (no events-v1 kind)"]);
        Assert.Equal(2, skipped["explanation of benefit of a Claim in the same export: the Claim makes the receipt (one receipt per claim)"]);
        Assert.Equal(1, skipped["Claim with nothing to say (named in the warnings)"]);
        Assert.Equal(8, lines.Sum(l => l.Lines) + skipped.Values.Sum());
    }

    [Fact]
    public async Task An_ExplanationOfBenefit_whose_Claim_is_not_in_the_export_makes_the_receipt_itself()
    {
        var importer = Importer();

        var lines = await ReadBytesAsync(importer, Encoding.UTF8.GetBytes(string.Join('\n', Export[0], Export[2], Export[4])), "export.ndjson");

        var receipt = Assert.Single(lines, l => l.Event?.RecordId == "ExplanationOfBenefit/eob1").Event!;
        var data = Assert.IsType<ReceiptData>(receipt.Data);
        Assert.Equal(new[] { new Diagnosis { Code = "E11.9" } }, data.Diagnoses);
        Assert.Equal(new[] { "111000110" }, data.Procedures);
        Assert.Equal(new[] { new DrugUse { Code = "3962002F1026" } }, data.Drugs);
    }
}
