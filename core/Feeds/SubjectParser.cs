using Linkage.Json;
using System.Text.Json;
using Linkage.Tokens;

namespace Linkage.Feeds;

/// <summary>Reads a <c>subject</c> (or a maternal <c>data.child</c>): tokens, birth month, sex and prefecture.</summary>
internal static class SubjectParser
{
    private const int Mid = 0, Id1 = 1, Id2 = 2, Birth = 3, SexField = 4, Pref = 5;

    private static readonly string[] Fields = ["mid", "id1", "id2", "birth", "sex", "pref"];

    private static readonly string[] Sexes = ["M", "F", "U"];

    /// <summary>Reads the object that starts at the reader's current token; <paramref name="path"/> names it in reasons.</summary>
    public static string? Read(ref Utf8JsonReader reader, string path, out Subject? subject)
    {
        subject = null;
        string? mid = null, id1 = null, id2 = null, birth = null, sex = null, pref = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldReader.Match(ref reader, Fields);
            reader.Read();
            if (field < 0)
            {
                // Unknown fields are how the contract grows: ignore them.
                reader.Skip();
                continue;
            }

            var at = FieldPath.Of(path, Fields[field]);
            if ((seen & (1 << field)) != 0) return FieldReader.Duplicate(at);
            seen |= 1 << field;
            var reason = field switch
            {
                Mid => FieldReader.ReadToken(ref reader, at, TokenKind.Mid, out mid),
                Id1 => FieldReader.ReadToken(ref reader, at, TokenKind.Id1, out id1),
                Id2 => FieldReader.ReadToken(ref reader, at, TokenKind.Id2, out id2),
                Birth => ReadBirth(ref reader, at, out birth),
                SexField => FieldReader.ReadChoice(ref reader, at, Sexes, out sex),
                Pref => ReadPref(ref reader, at, out pref),
                _ => null,
            };
            if (reason is not null) return reason;
        }

        if (mid is null && id1 is null && id2 is null) return $"{path}: needs at least one token (mid, id1 or id2)";
        if (birth is null) return FieldReader.Required(FieldPath.Of(path, "birth"));
        if (sex is null) return FieldReader.Required(FieldPath.Of(path, "sex"));
        subject = new Subject
        {
            Mid = mid,
            Id1 = id1,
            Id2 = id2,
            Birth = birth,
            Sex = sex switch
            {
                "M" => Sex.M,
                "F" => Sex.F,
                _ => Sex.U,
            },
            Pref = pref,
        };
        return null;
    }

    private static string? ReadBirth(ref Utf8JsonReader reader, FieldPath path, out string? birth)
    {
        var reason = FieldReader.ReadSharedString(ref reader, path, out birth);
        if (reason is not null || birth is null) return reason;
        var problem = FeedFormats.CheckBirth(birth);
        if (problem == BirthProblem.None) return null;
        var bad = FieldProblems.Quote(birth);
        birth = null;
        return problem switch
        {
            BirthProblem.Month => $"{path}: {bad} has no month 01..12 (YYYY-MM)",
            BirthProblem.Year => $"{path}: {bad} has an implausible year ({FeedFormats.MinBirthYear}..{FeedFormats.MaxBirthYear})",
            _ => $"{path}: {bad} is not a year and month (YYYY-MM)",
        };
    }

    private static string? ReadPref(ref Utf8JsonReader reader, FieldPath path, out string? pref)
    {
        var reason = FieldReader.ReadString(ref reader, path, out var text);
        pref = text is null ? null : FeedFormats.Prefecture(text);
        if (reason is not null || text is null || pref is not null) return reason;
        return $"{path}: {FieldProblems.Quote(text)} is not a prefecture code (01..47)";
    }
}
