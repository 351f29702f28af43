using System.Globalization;
using Linkage.Feeds;

namespace Linkage.Client.Import.Fhir;

/// <summary>FHIR date and dateTime strings as events-v1 needs them: full dates, and date-times with an offset.</summary>
internal static class FhirDates
{
    /// <summary>The calendar date of a FHIR date/dateTime, when it is precise to the day.</summary>
    public static DateOnly? Day(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>The <c>YYYY-MM</c> of a FHIR date, when it is precise to the month.</summary>
    public static string? Month(string? value) =>
        value is { Length: >= 7 } && DateOnly.TryParseExact(value[..7] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? value[..7]
            : null;

    /// <summary>True for a date-time with time and offset, the form of events-v1 <c>at</c> (<see cref="FeedFormats.IsDateTimeWithOffset"/>).</summary>
    public static bool HasTimeAndOffset(string? value) => value is not null && FeedFormats.IsDateTimeWithOffset(value);

    /// <summary>The day of the first value that has one, raising a rejection naming <paramref name="fields"/> otherwise.</summary>
    public static DateOnly RequiredDay(string fields, params string?[] values)
    {
        foreach (var value in values)
        {
            if (Day(value) is { } day) return day;
        }

        var given = values.FirstOrDefault(v => !string.IsNullOrEmpty(v));
        throw new RejectedInput(given is null ? $"{fields}: no date given" : $"{fields}: '{given}' is not a full date (YYYY-MM-DD)");
    }
}
