using System.Text.Json;
using Linkage.Client.Import;
using Linkage.Client.Import.Fhir;
using Linkage.Client.Ingestion;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.ClusterTests.Import;

/// <summary>
/// Each operator format, as <c>linkage ingest</c> sends it, through the HTTP API into a test cluster and read back
/// by a token made by hand from the fixture's raw identity; sending the same file again changes nothing.
/// </summary>
[Collection(OneSiloCollection.Name)]
public sealed class FormatRoundTripTests(LinkageClusterFixture fixture) : IAsyncLifetime
{
    private static readonly DateOnly SatoBirth = new(1950, 3, 14);
    private static readonly DateOnly SuzukiBirth = new(1980, 1, 2);

    private readonly ImportScratch _scratch = new();
    private LinkageHttpFront _front = null!;

    public async Task InitializeAsync() => _front = await LinkageHttpFront.StartAsync(fixture.Cluster);

    public async Task DisposeAsync()
    {
        await _front.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Events_v1_NDJSON_goes_in_with_its_correction_and_its_bad_line_in_the_rejects_file()
    {
        var path = _scratch.CopyNdjson("feed.ndjson");

        var report = await _scratch.IngestAsync(_front, FeedFormat.Ndjson, path);

        Assert.Equal((3, 3, 0), (report.Events, report.Accepted, report.Duplicates));
        Assert.Equal(2, Assert.Single(report.Rejections).Line);
        Assert.StartsWith("2,\"date: \"\"2023-02-29\"\" is not a real date", File.ReadAllLines(RejectsFile.PathFor(path))[1]);

        // The contract's test vectors, made by hand from the raw identity with the development secret.
        var dev = new LinkageTokenizer(LinkageTokenizer.DevelopmentSecret);
        var records = await _scratch.RecordsAsync(_front, dev.Mid("ＭＩＤ 0001-2345-6789"));
        Assert.Equal(["L-2024-000017", "M-2024-000001"], records.Keys.Order());
        Assert.Equal(2, records["L-2024-000017"].GetProperty("version").GetInt32());
        Assert.Equal(7.6, records["L-2024-000017"].GetProperty("data").GetProperty("value").GetDouble());
        Assert.Equal("medication", records["M-2024-000001"].GetProperty("kind").GetString());
        Assert.Equal(records.Keys.Order(), (await _scratch.RecordsAsync(_front, dev.Id2("さとう　はなこ", SatoBirth, Sex.F))).Keys.Order());

        await AssertSendingAgainChangesNothing(FeedFormat.Ndjson, path, report, dev.Mid("ＭＩＤ 0001-2345-6789"));
    }

    [Fact]
    public async Task UKE_receipts_go_in_and_are_found_by_insurance_and_name_tokens()
    {
        var path = _scratch.Copy("RECEIPTC.UKE");

        var report = await _scratch.IngestAsync(_front, FeedFormat.Uke, path);

        Assert.Equal((3, 3, 0), (report.Events, report.Accepted, report.Rejections.Count));
        Assert.False(File.Exists(RejectsFile.PathFor(path)));
        var tokens = _scratch.Tokenizer;
        var sato = Assert.Single(await _scratch.RecordsAsync(_front, tokens.Id1("06139999", "１２３", "４５６７", "01", SatoBirth, Sex.F)));
        Assert.Equal("1311234567-202405-1-1", sato.Key);
        Assert.Equal("receipt", sato.Value.GetProperty("kind").GetString());
        var data = sato.Value.GetProperty("data");
        Assert.Equal("outpatient", data.GetProperty("setting").GetString());
        Assert.Equal("1311234567", data.GetProperty("facility").GetString());
        Assert.Equal("I50.9", data.GetProperty("diagnoses")[0].GetProperty("code").GetString());
        Assert.Equal(1234, data.GetProperty("points").GetInt32());
        var suzuki = Assert.Single(await _scratch.RecordsAsync(_front, tokens.Id2("スズキ　イチロウ", SuzukiBirth, Sex.M)));
        Assert.Equal("1311234567-202405-1-2", suzuki.Key);
        Assert.Equal("inpatient", suzuki.Value.GetProperty("data").GetProperty("setting").GetString());

        await AssertSendingAgainChangesNothing(FeedFormat.Uke, path, report, tokens.Id1("06139999", "１２３", "４５６７", "01", SatoBirth, Sex.F));
    }

    [Fact]
    public async Task A_FHIR_export_goes_in_with_every_resource_of_a_patient_linked_to_them()
    {
        var path = _scratch.Copy("fhir");

        var report = await _scratch.IngestAsync(_front, FeedFormat.Fhir, path);

        Assert.Equal((12, 12), (report.Events, report.Accepted));
        Assert.Contains(report.Rejections, r => Path.GetFileName(r.File) == "Condition.ndjson" && r.Line == 3);
        Assert.True(File.Exists(RejectsFile.PathFor(Path.Combine(path, "Condition.ndjson"))));

        // Issue 20: the export's directory stands for all its NDJSON files, each line typed by its resource: Foo.ndjson's
        // resource is of no FHIR type and is rejected on its line (it used to be left out for its name).
        Assert.Contains(report.Rejections, r => Path.GetFileName(r.File) == "Foo.ndjson" && r.Reason == "unknown resource type 'Foo': not a FHIR R4 resource");
        var tokens = _scratch.Tokenizer;
        var sato = await _scratch.RecordsAsync(_front, tokens.Id1("06139999", "１２３", "４５６７", "01", SatoBirth, Sex.F));
        Assert.Equal(
            ["Claim/cl1", "Condition/c1", "Condition/c2", "MedicationDispense/md1", "Observation/o1", "Patient/p1/death", "Procedure/pr1"],
            sato.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["death", "lab", "medication", "receipt", "receipt", "receipt", "surgery"],
            sato.Values.Select(r => r.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(8.1, sato["Observation/o1"].GetProperty("data").GetProperty("value").GetDouble());
        Assert.Equal(3, sato["Patient/p1/death"].GetProperty("version").GetInt32());
        var suzuki = await _scratch.RecordsAsync(_front, tokens.Id2("スズキ イチロウ", SuzukiBirth, Sex.M));
        Assert.Equal(5, suzuki.Count);
        Assert.Equal("sbp", suzuki["Observation/o2/sbp"].GetProperty("data").GetProperty("type").GetString());

        await AssertSendingAgainChangesNothing(FeedFormat.Fhir, path, report, tokens.Id2("スズキ イチロウ", SuzukiBirth, Sex.M));
    }

    [Fact]
    public async Task Death_certificates_go_in_and_bad_rows_are_in_the_rejects_file()
    {
        var path = _scratch.Copy("death.csv");

        var report = await _scratch.IngestAsync(_front, FeedFormat.DeathCsv, path);

        Assert.Equal((2, 2), (report.Events, report.Accepted));
        Assert.Equal(["line,reason", "5,column 'cause_1b' value 'XYZ' is not an ICD-10 code"], File.ReadAllLines(RejectsFile.PathFor(path))[..2]);
        Assert.Equal([5, 6, 7], report.Rejections.Select(r => r.Line).Order());
        var tokens = _scratch.Tokenizer;
        var sato = Assert.Single(await _scratch.RecordsAsync(_front, tokens.Id2("サトウ ハナコ", SatoBirth, Sex.F)));
        Assert.Equal(("D-2024-0001", "death"), (sato.Key, sato.Value.GetProperty("kind").GetString()));
        Assert.Equal("I25.1", sato.Value.GetProperty("data").GetProperty("underlying").GetString());
        Assert.Equal(["I21.9", "I25.1", "E11.9"], sato.Value.GetProperty("data").GetProperty("causes").EnumerateArray().Select(c => c.GetString()));
        var suzuki = Assert.Single(await _scratch.RecordsAsync(_front, tokens.Id2("すずき いちろう", SuzukiBirth, Sex.M)));
        Assert.Equal("home", suzuki.Value.GetProperty("data").GetProperty("place").GetString());

        await AssertSendingAgainChangesNothing(FeedFormat.DeathCsv, path, report, tokens.Id2("サトウ ハナコ", SatoBirth, Sex.F));
    }

    [Fact]
    public async Task Maternal_handbook_entries_go_in_about_the_mother_and_about_the_child()
    {
        var path = _scratch.Copy("maternal.csv");

        var report = await _scratch.IngestAsync(_front, FeedFormat.MaternalCsv, path);

        Assert.Equal((5, 5), (report.Events, report.Accepted));
        Assert.Equal([7, 8], report.Rejections.Select(r => r.Line).Order());
        var tokens = _scratch.Tokenizer;
        var mother = await _scratch.RecordsAsync(_front, tokens.Id2("サトウ ハナコ", new DateOnly(1990, 5, 5), Sex.F));
        Assert.Equal(["M-1", "M-2"], mother.Keys.Order());
        Assert.Equal(["checkup", "delivery"], mother.Values.Select(r => r.GetProperty("data").GetProperty("entry").GetString()).Order());
        var delivery = mother["M-2"].GetProperty("data");
        Assert.Equal(3012, delivery.GetProperty("birthWeight").GetInt32());
        Assert.Equal(tokens.Id2("サトウ タロウ", new DateOnly(2024, 6, 20), Sex.M), delivery.GetProperty("child").GetProperty("id2").GetString());
        var child = await _scratch.RecordsAsync(_front, tokens.Mid("MID-CHILD-0001"));
        Assert.Equal(["M-4", "M-5"], child.Keys.Order());
        Assert.Equal("B型肝炎-1", child["M-5"].GetProperty("data").GetProperty("vaccine").GetString());

        await AssertSendingAgainChangesNothing(FeedFormat.MaternalCsv, path, report, tokens.Mid("MID-CHILD-0001"));
    }

    /// <summary>Sends the same file again: nothing accepted, every event a duplicate, the same rejects, the same records.</summary>
    private async Task AssertSendingAgainChangesNothing(FeedFormat format, string path, IngestionReport first, string token)
    {
        var before = await _scratch.RecordsAsync(_front, token);
        var rejectsBefore = first.RejectsFiles.ToDictionary(f => f, File.ReadAllText);

        var again = await _scratch.IngestAsync(_front, format, path);

        Assert.Equal((0, first.Events), (again.Accepted, again.Duplicates));
        Assert.Equal(rejectsBefore, again.RejectsFiles.ToDictionary(f => f, File.ReadAllText));
        var after = await _scratch.RecordsAsync(_front, token);
        Assert.Equal(Json(before), Json(after));
    }

    private static Dictionary<string, string> Json(Dictionary<string, JsonElement> records) =>
        records.ToDictionary(r => r.Key, r => r.Value.GetRawText());
}
