using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Fhir;

/// <summary>An export directory as Synthea writes it: files named as they like, each resource typed by itself.</summary>
public sealed class FhirExportDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "linkage-export-" + Guid.NewGuid().ToString("N"));

    public FhirExportDirectoryTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<List<ImportedLine>> ReadAsync(FhirBulkImporter importer, params string[] paths)
    {
        var lines = new List<ImportedLine>();
        await foreach (var line in importer.ReadAsync(paths, CancellationToken.None)) lines.Add(line);
        return lines;
    }

    [Fact]
    public async Task A_patient_file_not_named_after_its_type_is_read_and_an_export_log_is_left_out()
    {
        // Synthea names a patient's file after the patient; the observations refer to that patient.
        File.Copy(PathOf("fhir-synthea", "Patient.ndjson"), Path.Combine(_directory, "Patient1.ndjson"));
        File.Copy(PathOf("fhir-synthea", "Observation.ndjson"), Path.Combine(_directory, "observations-of-patient1.ndjson"));
        File.WriteAllText(Path.Combine(_directory, "log.ndjson"), "{\"level\":\"info\",\"message\":\"export started\"}\n");
        var importer = (FhirBulkImporter)FeedImporters.Create(FeedFormat.Fhir, Options(fhir: FhirMappingOptions.Synthea));

        var lines = await ReadAsync(importer, _directory);

        var weight = Assert.Single(lines);
        Assert.EndsWith("observations-of-patient1.ndjson", weight.File, StringComparison.Ordinal);
        Assert.True(weight.IsEvent);
        Assert.Contains(importer.Warnings, w => w == $"{Path.Combine(_directory, "log.ndjson")}: its first line (1) is JSON without a resourceType (an export's log?), so not read as resources");
    }

    [Fact]
    public async Task References_to_patients_in_no_file_read_are_said_once_naming_the_file_and_line_of_a_reference()
    {
        // The observations without their patients: each is rejected on its line, and one warning says where.
        var observations = Path.Combine(_directory, "Observation.ndjson");
        File.WriteAllText(observations, "\n" + File.ReadAllText(PathOf("fhir-synthea", "Observation.ndjson")));
        var importer = (FhirBulkImporter)FeedImporters.Create(FeedFormat.Fhir, Options(fhir: FhirMappingOptions.Synthea));

        var lines = await ReadAsync(importer, _directory);

        Assert.Equal(2, Assert.Single(lines).Line);
        Assert.Contains(
            $"1 resource(s) refer to a patient that is in none of the files read, e.g. Patient/b5d1c1a6-6f3e-4b8c-9a55-0f2d2a6b7c11 at {observations} line 2: was a Patient file of the export left out?",
            importer.Warnings);
    }
}
