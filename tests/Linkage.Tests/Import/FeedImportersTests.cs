using Linkage.Client.Import.Csv;
using Linkage.Client.Import.Fhir;
using Linkage.Client.Import.Uke;
using Linkage.Client.Import;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import;

/// <summary>The factory the CLI calls: one importer per format, bad configuration refused up front.</summary>
public sealed class FeedImportersTests
{
    [Theory]
    [InlineData(FeedFormat.Uke, typeof(UkeImporter))]
    [InlineData(FeedFormat.Fhir, typeof(FhirBulkImporter))]
    [InlineData(FeedFormat.DeathCsv, typeof(DeathCsvImporter))]
    [InlineData(FeedFormat.MaternalCsv, typeof(MaternalCsvImporter))]
    public void Each_format_gets_its_importer(FeedFormat format, Type importer)
    {
        Assert.IsType(importer, FeedImporters.Create(format, Options()));
    }

    [Fact]
    public void Ndjson_is_left_to_the_feed_line_parser()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FeedImporters.Create(FeedFormat.Ndjson, Options()));
        Assert.Contains("FeedLineParser", error.Message);
    }

    [Fact]
    public void A_source_that_is_not_a_feed_id_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FeedImporters.Create(FeedFormat.Uke, Options() with { Source = "Not A Feed" }));
        Assert.Contains("Not A Feed", error.Message);
    }

    [Fact]
    public void A_disease_master_path_that_names_no_file_is_refused()
    {
        var missing = PathOf("no-such-master.csv");

        var error = Assert.Throws<FileNotFoundException>(() => FeedImporters.Create(FeedFormat.Uke, Options() with { DiseaseMasterPath = missing }));
        Assert.Equal(missing, error.FileName);
    }

    [Fact]
    public void The_disease_master_maps_codes_to_dotted_ICD10()
    {
        var master = DiseaseMaster.Load(PathOf("disease-master.csv"));

        Assert.Equal(4, master.Count);
        Assert.Equal("I50.9", master.Icd10("4280021"));
        Assert.Equal("K02.1", master.Icd10("5210001"));
        Assert.True(master.Contains("1234567"));
        Assert.Null(master.Icd10("1234567"));
        Assert.False(master.Contains("0000999"));
    }
}
