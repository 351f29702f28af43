using Linkage.Feeds;

namespace Linkage.Client.Import.Csv;

/// <summary>Maternal-child health handbook (母子健康手帳) entries from the maternal CSV layout of docs/formats.md onto <c>maternal</c> events.</summary>
/// <remarks>Checkups and deliveries are about the mother (sex F); infant checkups and vaccinations are about the child.</remarks>
public sealed class MaternalCsvImporter : CsvFeedImporter
{
    public MaternalCsvImporter(ImportOptions options)
        : base(options)
    {
    }

    public override IReadOnlyList<string> RequiredColumns { get; } =
    [
        "record_id", "entry", "date", "mother_kana_name", "mother_birth_date", "pref",
        "gest_weeks", "birth_weight", "child_kana_name", "child_birth_date", "child_sex", "vaccine",
    ];

    public override IReadOnlyList<string> OptionalColumns { get; } = ["version", "mother_mid", "child_mid"];

    private protected override FeedEvent Map(CsvRow row)
    {
        var recordId = row.Required("record_id");
        var entry = row.Required("entry").ToLowerInvariant();
        var date = row.RequiredDate("date");
        var pref = PrefectureOf(row, "pref");
        var data = new MaternalData { Entry = entry };
        Subject subject;
        switch (entry)
        {
            case "checkup":
                subject = Mother(row, pref);
                data = data with { GestWeeks = row.OptionalInt("gest_weeks", 0, FeedFormats.MaxGestWeeks) };
                break;
            case "delivery":
                subject = Mother(row, pref);
                data = data with
                {
                    GestWeeks = row.OptionalInt("gest_weeks", 0, FeedFormats.MaxGestWeeks),
                    BirthWeight = row.OptionalInt("birth_weight", FeedFormats.MinBirthWeight, FeedFormats.MaxBirthWeight),
                    Child = Child(row, pref, required: false),
                };
                if (data.Child is null)
                {
                    Warn($"line {row.Line}: delivery without 'child_kana_name' or 'child_mid': imported without the child's identity");
                }

                break;
            case "infant":
                subject = Child(row, pref, required: true)!;
                break;
            case "vaccine":
                subject = Child(row, pref, required: true)!;
                data = data with { Vaccine = row.Required("vaccine") };
                break;
            default:
                throw new RejectedInput($"column 'entry' value '{entry}' is not checkup, delivery, infant or vaccine");
        }

        return new FeedEvent
        {
            Source = Options.Source,
            RecordId = recordId,
            Version = Version(row),
            Kind = EventKind.Maternal,
            Date = date,
            Subject = subject,
            Data = data,
        };
    }

    private Subject Mother(CsvRow row, string? pref)
    {
        var birth = row.RequiredDate("mother_birth_date");
        return Person(row, "mother_kana_name", "mother_mid", birth, Sex.F, pref)
            ?? throw new RejectedInput("column 'mother_kana_name' is empty (and no 'mother_mid'): the mother cannot be identified");
    }

    private Subject? Child(CsvRow row, string? pref, bool required)
    {
        var birth = row.RequiredDate("child_birth_date");
        var sex = SexOf(row, "child_sex");
        var child = Person(row, "child_kana_name", "child_mid", birth, sex, pref);
        return child is null && required
            ? throw new RejectedInput("column 'child_kana_name' is empty (and no 'child_mid'): the child cannot be identified")
            : child;
    }
}
