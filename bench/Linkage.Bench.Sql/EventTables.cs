using Linkage.Feeds;
using Linkage.Linking;
using Parquet.Schema;
using Parquet;

namespace Linkage.Bench.Sql;

/// <summary>
/// Linked people's current records as an analyst would get them: <c>events.parquet</c>, one row per record with the
/// person's number, the subject fields and each kind's fields in named columns, and <c>event_codes.parquet</c>, one
/// row per code a record lists (a receipt's diagnoses, procedures and drugs, a death's contributing causes) with the
/// record's person and date repeated, so that a code criterion needs no join.
/// </summary>
public static class EventTables
{
    public const string EventsFile = "events.parquet";

    public const string CodesFile = "event_codes.parquet";

    /// <summary>What <c>event_codes.item</c> says a code is.</summary>
    public const string Diagnosis = "diagnosis", Procedure = "procedure", Drug = "drug", Cause = "cause";

    private const int RowGroupRows = 1 << 18;

    private static readonly DataField<long> EventId = new("event_id");
    private static readonly DataField<long> PersonId = new("person_id");
    private static readonly DataField<string> Source = new("source");
    private static readonly DataField<string> RecordId = new("record_id");
    private static readonly DataField<int> Version = new("version");
    private static readonly DataField<string> Kind = new("kind");
    private static readonly DataField<DateOnly> Date = new("date");
    private static readonly DataField<string> Birth = new("birth");
    private static readonly DataField<string> Sex = new("sex");
    private static readonly DataField<string> Pref = new("pref", true);
    private static readonly DataField<string> Code = new("code", true);
    private static readonly DataField<double?> Value = new("value");
    private static readonly DataField<string> Unit = new("unit", true);
    private static readonly DataField<int?> Days = new("days");
    private static readonly DataField<bool?> Complication = new("complication");
    private static readonly DataField<int?> Los = new("los");
    private static readonly DataField<string> VitalType = new("vital_type", true);
    private static readonly DataField<string> MeasuredAt = new("measured_at", true);
    private static readonly DataField<string> MaternalEntry = new("maternal_entry", true);
    private static readonly DataField<int?> GestWeeks = new("gest_weeks");
    private static readonly DataField<int?> BirthWeight = new("birth_weight");
    private static readonly DataField<string> Vaccine = new("vaccine", true);
    private static readonly DataField<string> Setting = new("setting", true);
    private static readonly DataField<string> Facility = new("facility", true);
    private static readonly DataField<int?> Points = new("points");
    private static readonly DataField<string> Place = new("place", true);

    private static readonly DataField<string> Item = new("item");
    private static readonly DataField<string> ItemCode = new("code");
    private static readonly DataField<bool?> Suspected = new("suspected");
    private static readonly DataField<bool?> Main = new("main");
    private static readonly DataField<int?> ItemDays = new("days");

    private static readonly ParquetSchema EventsSchema = new(
        EventId, PersonId, Source, RecordId, Version, Kind, Date, Birth, Sex, Pref, Code, Value, Unit, Days, Complication, Los,
        VitalType, MeasuredAt, MaternalEntry, GestWeeks, BirthWeight, Vaccine, Setting, Facility, Points, Place);

    private static readonly ParquetSchema CodesSchema = new(EventId, PersonId, Date, Item, ItemCode, Suspected, Main, ItemDays);

    /// <summary>
    /// Writes the two files into <paramref name="directory"/>: person <c>i</c> of <paramref name="people"/> (each their
    /// current records) is <c>person_id</c> <c>i</c>.
    /// </summary>
    /// <returns>The rows written to each file.</returns>
    public static async Task<(long Events, long Codes)> WriteAsync(IEnumerable<IReadOnlyCollection<FeedEvent>> people, string directory)
    {
        ArgumentNullException.ThrowIfNull(people);
        Directory.CreateDirectory(directory);
        await using var eventsFile = File.Create(Path.Combine(directory, EventsFile));
        await using var codesFile = File.Create(Path.Combine(directory, CodesFile));
        await using var eventsWriter = await ParquetWriter.CreateAsync(EventsSchema, eventsFile);
        await using var codesWriter = await ParquetWriter.CreateAsync(CodesSchema, codesFile);
        var events = new EventRows();
        var codes = new CodeRows();
        long person = 0, eventCount = 0, codeCount = 0;
        foreach (var records in people)
        {
            foreach (var record in records)
            {
                events.Add(eventCount, person, record, codes);
                eventCount++;
            }

            person++;
            if (events.Count >= RowGroupRows) await events.FlushAsync(eventsWriter);
            if (codes.Count >= RowGroupRows) codeCount += await codes.FlushAsync(codesWriter);
        }

        if (events.Count > 0 || eventCount == 0) await events.FlushAsync(eventsWriter);
        if (codes.Count > 0 || codeCount == 0) codeCount += await codes.FlushAsync(codesWriter);
        return (eventCount, codeCount);
    }

    /// <summary>The columns of <c>events</c> for one row group.</summary>
    private sealed class EventRows
    {
        private readonly List<long> _eventId = [], _personId = [];
        private readonly List<string?> _source = [], _recordId = [], _kind = [], _birth = [], _sex = [], _pref = [], _code = [], _unit = [],
            _vitalType = [], _measuredAt = [], _maternalEntry = [], _vaccine = [], _setting = [], _facility = [], _place = [];
        private readonly List<int> _version = [];
        private readonly List<DateOnly> _date = [];
        private readonly List<double?> _value = [];
        private readonly List<int?> _days = [], _los = [], _gestWeeks = [], _birthWeight = [], _points = [];
        private readonly List<bool?> _complication = [];

        public int Count => _eventId.Count;

        public void Add(long eventId, long person, FeedEvent record, CodeRows codes)
        {
            _eventId.Add(eventId);
            _personId.Add(person);
            _source.Add(record.Source);
            _recordId.Add(record.RecordId);
            _version.Add(record.Version);
            _kind.Add(EventKinds.Name(record.Kind));
            _date.Add(record.Date);
            _birth.Add(record.Subject.Birth);
            _sex.Add(record.Subject.Sex.ToString());
            _pref.Add(record.Subject.Pref);

            string? code = null, unit = null, vitalType = null, measuredAt = null, maternalEntry = null, vaccine = null, setting = null, facility = null, place = null;
            double? value = null;
            int? days = null, los = null, gestWeeks = null, birthWeight = null, points = null;
            bool? complication = null;
            switch (record.Data)
            {
                case ReceiptData r:
                    (setting, facility, points) = (r.Setting, r.Facility, r.Points);
                    foreach (var d in r.Diagnoses) codes.Add(eventId, person, record.Date, Diagnosis, d.Code, d.Suspected, d.Main, null);
                    foreach (var p in r.Procedures) codes.Add(eventId, person, record.Date, Procedure, p, null, null, null);
                    foreach (var d in r.Drugs) codes.Add(eventId, person, record.Date, Drug, d.Code, null, null, d.Days);
                    break;
                case LabData l:
                    (code, value, unit) = (l.Code, l.Value, l.Unit);
                    break;
                case MedicationData m:
                    (code, days) = (m.Code, m.Days);
                    break;
                case SurgeryData s:
                    (code, complication, los) = (s.Code, s.Complication, s.Los);
                    break;
                case VitalData v:
                    (vitalType, value, measuredAt) = (v.Type, v.Value, v.At);
                    break;
                case MaternalData m:
                    (maternalEntry, gestWeeks, birthWeight, vaccine) = (m.Entry, m.GestWeeks, m.BirthWeight, m.Vaccine);
                    break;
                case DeathData d:
                    (code, place) = (d.Underlying, d.Place);
                    foreach (var cause in d.Causes) codes.Add(eventId, person, record.Date, Cause, cause, null, null, null);
                    break;
            }

            _code.Add(code);
            _value.Add(value);
            _unit.Add(unit);
            _days.Add(days);
            _complication.Add(complication);
            _los.Add(los);
            _vitalType.Add(vitalType);
            _measuredAt.Add(measuredAt);
            _maternalEntry.Add(maternalEntry);
            _gestWeeks.Add(gestWeeks);
            _birthWeight.Add(birthWeight);
            _vaccine.Add(vaccine);
            _setting.Add(setting);
            _facility.Add(facility);
            _points.Add(points);
            _place.Add(place);
        }

        public async Task FlushAsync(ParquetWriter writer)
        {
            using (var group = writer.CreateRowGroup())
            {
                await group.WriteAsync(EventId, (ReadOnlyMemory<long>)_eventId.ToArray());
                await group.WriteAsync(PersonId, (ReadOnlyMemory<long>)_personId.ToArray());
                await group.WriteAsync(Source, _source);
                await group.WriteAsync(RecordId, _recordId);
                await group.WriteAsync(Version, (ReadOnlyMemory<int>)_version.ToArray());
                await group.WriteAsync(Kind, _kind);
                await group.WriteAsync(Date, (ReadOnlyMemory<DateOnly>)_date.ToArray());
                await group.WriteAsync(Birth, _birth);
                await group.WriteAsync(Sex, _sex);
                await group.WriteAsync(Pref, _pref);
                await group.WriteAsync(Code, _code);
                await group.WriteAsync(Value, (ReadOnlyMemory<double?>)_value.ToArray());
                await group.WriteAsync(Unit, _unit);
                await group.WriteAsync(Days, (ReadOnlyMemory<int?>)_days.ToArray());
                await group.WriteAsync(Complication, (ReadOnlyMemory<bool?>)_complication.ToArray());
                await group.WriteAsync(Los, (ReadOnlyMemory<int?>)_los.ToArray());
                await group.WriteAsync(VitalType, _vitalType);
                await group.WriteAsync(MeasuredAt, _measuredAt);
                await group.WriteAsync(MaternalEntry, _maternalEntry);
                await group.WriteAsync(GestWeeks, (ReadOnlyMemory<int?>)_gestWeeks.ToArray());
                await group.WriteAsync(BirthWeight, (ReadOnlyMemory<int?>)_birthWeight.ToArray());
                await group.WriteAsync(Vaccine, _vaccine);
                await group.WriteAsync(Setting, _setting);
                await group.WriteAsync(Facility, _facility);
                await group.WriteAsync(Points, (ReadOnlyMemory<int?>)_points.ToArray());
                await group.WriteAsync(Place, _place);
            }

            foreach (var column in new System.Collections.IList[]
                     {
                         _eventId, _personId, _source, _recordId, _version, _kind, _date, _birth, _sex, _pref, _code, _value, _unit, _days,
                         _complication, _los, _vitalType, _measuredAt, _maternalEntry, _gestWeeks, _birthWeight, _vaccine, _setting, _facility,
                         _points, _place,
                     })
            {
                column.Clear();
            }
        }
    }

    /// <summary>The columns of <c>event_codes</c> for one row group.</summary>
    private sealed class CodeRows
    {
        private readonly List<long> _eventId = [], _personId = [];
        private readonly List<DateOnly> _date = [];
        private readonly List<string?> _item = [], _code = [];
        private readonly List<bool?> _suspected = [], _main = [];
        private readonly List<int?> _days = [];

        public int Count => _eventId.Count;

        public void Add(long eventId, long person, DateOnly date, string item, string code, bool? suspected, bool? main, int? days)
        {
            _eventId.Add(eventId);
            _personId.Add(person);
            _date.Add(date);
            _item.Add(item);
            _code.Add(code);
            _suspected.Add(suspected);
            _main.Add(main);
            _days.Add(days);
        }

        public async Task<int> FlushAsync(ParquetWriter writer)
        {
            var rows = Count;
            using (var group = writer.CreateRowGroup())
            {
                await group.WriteAsync(EventId, (ReadOnlyMemory<long>)_eventId.ToArray());
                await group.WriteAsync(PersonId, (ReadOnlyMemory<long>)_personId.ToArray());
                await group.WriteAsync(Date, (ReadOnlyMemory<DateOnly>)_date.ToArray());
                await group.WriteAsync(Item, _item);
                await group.WriteAsync(ItemCode, _code);
                await group.WriteAsync(Suspected, (ReadOnlyMemory<bool?>)_suspected.ToArray());
                await group.WriteAsync(Main, (ReadOnlyMemory<bool?>)_main.ToArray());
                await group.WriteAsync(ItemDays, (ReadOnlyMemory<int?>)_days.ToArray());
            }

            foreach (var column in new System.Collections.IList[] { _eventId, _personId, _date, _item, _code, _suspected, _main, _days }) column.Clear();
            return rows;
        }
    }
}
