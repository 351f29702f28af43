using System.Text;
using Linkage.Feeds;

namespace Linkage.Population;

/// <summary>
/// The lines one person's records produce, with the defects real feeds have: corrections (the same record id with a
/// higher version and redrawn data, now and then twice), a stale lower version sent again, retractions (a higher
/// version with <c>retracted: true</c>, mostly cancelled claims), exact duplicates and malformed lines.
/// </summary>
internal sealed class RecordStream
{
    private readonly SyntheticPerson _person;
    private readonly Random _random;
    private readonly PopulationOptions _options;
    private readonly ulong _idKey;
    private int _sequence;
    private int _malformedSequence = RecordIds.MalformedSequence;

    public RecordStream(SyntheticPerson person, Random random, PopulationOptions options, ulong idKey)
    {
        _person = person;
        _random = random;
        _options = options;
        _idKey = idKey;
    }

    public List<GeneratedLine> Lines { get; } = [];

    /// <summary>Every valid record key this person's lines hold (once each).</summary>
    public List<RecordKey> Keys { get; } = [];

    /// <summary>Emits one record; <paramref name="drawData"/> is called again for a correction's data.</summary>
    public void Emit(string source, string idPrefix, EventKind kind, DateOnly date, Subject subject, Func<EventData> drawData)
    {
        var original = new FeedEvent
        {
            // One string per feed name, however many records it holds.
            Source = string.Intern(source),
            RecordId = RecordIds.Make(idPrefix, _idKey, _person.Number, _sequence++),
            Version = 1,
            Kind = kind,
            Date = date,
            Subject = subject,
            Data = drawData(),
        };
        Keys.Add(original.Key);
        var first = Add(original);
        var latest = original;

        if (Chance(_options.CorrectionRate))
        {
            latest = latest with { Version = 2, Data = drawData() };
            Add(latest);
            if (Chance(0.1))
            {
                latest = latest with { Version = 3, Data = drawData() };
                Add(latest);
            }

            // A stale copy of the first version, sent again after the correction.
            if (Chance(0.3)) Lines.Add(first);
        }

        var retractionRate = kind == EventKind.Receipt ? _options.RetractionRate : _options.RetractionRate / 5;
        if (Chance(retractionRate))
        {
            Add(latest with { Version = latest.Version + 1, Retracted = true, Data = Chance(0.5) ? null : latest.Data });
        }

        if (Chance(_options.DuplicateRate)) Lines.Add(first);

        if (Chance(_options.MalformedRate))
        {
            var basis = original with { RecordId = RecordIds.Make(idPrefix, _idKey, _person.Number, _malformedSequence++) };
            var malformed = MalformedLines.Make(_random, basis);
            Lines.Add(new GeneratedLine(malformed.Source, Encoding.UTF8.GetBytes(malformed.Text), null));
        }
    }

    private GeneratedLine Add(FeedEvent feedEvent)
    {
        var line = new GeneratedLine(feedEvent.Source, Encoding.UTF8.GetBytes(FeedEventJson.ToJson(feedEvent)), feedEvent);
        Lines.Add(line);
        return line;
    }

    private bool Chance(double probability) => probability > 0 && _random.NextDouble() < probability;
}
