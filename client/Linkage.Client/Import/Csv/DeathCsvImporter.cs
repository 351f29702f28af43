using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Client.Import.Csv;

/// <summary>Death certificates (死亡診断書) from the death CSV layout of docs/formats.md onto <c>death</c> events.</summary>
public sealed class DeathCsvImporter : CsvFeedImporter
{
    /// <summary>Cause columns in the certificate's order: I(a) to I(d), then II.</summary>
    public static readonly IReadOnlyList<string> CauseColumns = ["cause_1a", "cause_1b", "cause_1c", "cause_1d", "cause_2"];

    public DeathCsvImporter(ImportOptions options)
        : base(options)
    {
    }

    public override IReadOnlyList<string> RequiredColumns { get; } =
        ["record_id", "kana_name", "birth_date", "sex", "pref", "death_date", .. CauseColumns, "underlying", "place"];

    public override IReadOnlyList<string> OptionalColumns { get; } = ["version", "mid"];

    private protected override FeedEvent Map(CsvRow row)
    {
        var recordId = row.Required("record_id");
        var birth = row.RequiredDate("birth_date");
        var sex = SexOf(row, "sex");
        var pref = PrefectureOf(row, "pref");
        row.Required("kana_name");
        var subject = Person(row, "kana_name", "mid", birth, sex, pref)!;
        var death = row.RequiredDate("death_date");
        if (death < birth) throw new RejectedInput($"column 'death_date' {death:yyyy-MM-dd} is before 'birth_date' {birth:yyyy-MM-dd}");

        var causes = ImmutableArray.CreateBuilder<string>();
        foreach (var column in CauseColumns)
        {
            var text = row.Value(column);
            if (text.Length == 0) continue;
            causes.Add(Icd10Code.TryNormalize(text, out var code) ? code : throw new RejectedInput($"column '{column}' value '{text}' is not an ICD-10 code"));
        }

        var underlyingText = row.Required("underlying");
        if (!Icd10Code.TryNormalize(underlyingText, out var underlying))
        {
            throw new RejectedInput($"column 'underlying' value '{underlyingText}' is not an ICD-10 code");
        }

        return new FeedEvent
        {
            Source = Options.Source,
            RecordId = recordId,
            Version = Version(row),
            Kind = EventKind.Death,
            Date = death,
            Subject = subject,
            Data = new DeathData { Underlying = underlying, Causes = causes.ToImmutable(), Place = PlaceOf(row.Value("place")) },
        };
    }

    /// <summary>The certificate's place-of-death codes (死亡したところの種別 1-7) or the events-v1 words.</summary>
    private static string? PlaceOf(string text) => text.ToLowerInvariant() switch
    {
        "" => null,
        "1" or "2" or "hospital" => "hospital",
        "3" or "4" or "5" or "facility" => "facility",
        "6" or "home" => "home",
        "7" or "other" => "other",
        _ => throw new RejectedInput($"column 'place' value '{text}' is not 1-7 or hospital, home, facility, other"),
    };
}
