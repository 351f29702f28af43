using Linkage.Client.Import;
using Linkage.Client.Import.Csv;
using Linkage.Feeds;
using static Linkage.Tests.Import.ImportFixture;

namespace Linkage.Tests.Import.Csv;

/// <summary>Maternal-child handbook entries from the maternal CSV layout (UTF-8 without BOM, LF).</summary>
public sealed class MaternalCsvImporterTests
{
    private static readonly DateOnly MotherBirth = new(1990, 5, 5);
    private static readonly DateOnly ChildBirth = new(2024, 6, 20);

    private static async Task<(IFeedImporter Importer, List<ImportedLine> Lines)> ReadAsync()
    {
        var importer = FeedImporters.Create(FeedFormat.MaternalCsv, Options());
        return (importer, await ReadFileAsync(importer, "maternal.csv"));
    }

    private static FeedEvent At(List<ImportedLine> lines, int line) => Assert.Single(lines, l => l.Line == line).Event!;

    [Fact]
    public async Task A_checkup_is_about_the_mother_with_gestational_weeks()
    {
        var (_, lines) = await ReadAsync();

        var checkup = At(lines, 2);
        Assert.Equal("M-1", checkup.RecordId);
        Assert.Equal(EventKind.Maternal, checkup.Kind);
        Assert.Equal(new DateOnly(2024, 3, 1), checkup.Date);
        Assert.Equal(Tokenizer.Id2("サトウ ハナコ", MotherBirth, Sex.F), checkup.Subject.Id2);
        Assert.Equal(Sex.F, checkup.Subject.Sex);
        Assert.Equal("1990-05", checkup.Subject.Birth);
        Assert.Equal("13", checkup.Subject.Pref);
        Assert.Equal(new MaternalData { Entry = "checkup", GestWeeks = 24 }, checkup.Data);
    }

    [Fact]
    public async Task A_delivery_carries_the_birth_weight_and_the_child_identity()
    {
        var (_, lines) = await ReadAsync();

        var delivery = At(lines, 3);
        var data = Assert.IsType<MaternalData>(delivery.Data);
        Assert.Equal(Tokenizer.Id2("サトウ ハナコ", MotherBirth, Sex.F), delivery.Subject.Id2);
        Assert.Equal("delivery", data.Entry);
        Assert.Equal(39, data.GestWeeks);
        Assert.Equal(3012, data.BirthWeight);
        Assert.Equal(
            new Subject { Id2 = Tokenizer.Id2("サトウ タロウ", ChildBirth, Sex.M), Birth = "2024-06", Sex = Sex.M, Pref = "13" },
            data.Child);
    }

    [Fact]
    public async Task A_delivery_without_the_child_name_goes_in_without_the_child_and_says_so()
    {
        var (importer, lines) = await ReadAsync();

        var data = Assert.IsType<MaternalData>(At(lines, 4).Data);
        Assert.Null(data.Child);
        Assert.Equal(2890, data.BirthWeight);
        Assert.Contains(importer.Warnings, w => w.StartsWith("line 4: delivery without 'child_kana_name'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Infant_checkups_and_vaccinations_are_about_the_child()
    {
        var (_, lines) = await ReadAsync();

        var infant = At(lines, 5);
        Assert.Equal(Tokenizer.Id2("サトウ タロウ", ChildBirth, Sex.M), infant.Subject.Id2);
        Assert.Equal(new MaternalData { Entry = "infant" }, infant.Data);

        var vaccine = At(lines, 6);
        Assert.Equal(Tokenizer.Mid("MID-CHILD-0001"), vaccine.Subject.Mid);
        Assert.Equal(Tokenizer.Id2("サトウ タロウ", ChildBirth, Sex.M), vaccine.Subject.Id2);
        Assert.Null(vaccine.Subject.Pref);
        Assert.Equal(new MaternalData { Entry = "vaccine", Vaccine = "B型肝炎-1" }, vaccine.Data);
    }

    [Fact]
    public async Task Bad_rows_are_rejected_naming_the_column()
    {
        var (_, lines) = await ReadAsync();

        Assert.Equal("column 'entry' value 'bath' is not checkup, delivery, infant or vaccine", Assert.Single(lines, l => l.Line == 7).Reason);
        Assert.Equal("column 'vaccine' is empty", Assert.Single(lines, l => l.Line == 8).Reason);
        Assert.Equal(5, lines.Count(l => l.Event is not null));
        EventsV1Assert.AllValid(lines);
    }

    [Fact]
    public async Task A_CSV_with_a_missing_column_is_rejected_naming_the_column()
    {
        var lines = await ReadFileAsync(FeedImporters.Create(FeedFormat.MaternalCsv, Options()), "maternal-missing-column.csv");

        Assert.Equal("header: missing column 'child_sex' (see docs/formats.md); nothing was read", Assert.Single(lines).Reason);
    }
}
