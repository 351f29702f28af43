using Linkage.Json;
using System.Collections.Immutable;
using System.Text.Json;

namespace Linkage.Feeds;

/// <summary>Reads the kind-specific <c>data</c> object of an event, the kind being known.</summary>
internal static class EventDataParser
{
    private static readonly string[] Settings = ["inpatient", "outpatient", "dpc", "pharmacy", "dental"];

    /// <summary>The vital types of events-v1; cohort criteria name one of them.</summary>
    internal static readonly string[] VitalTypes = ["sbp", "dbp", "hr", "weight", "steps", "spo2", "glucose"];

    /// <summary>The maternal entries of events-v1; cohort criteria name one of them.</summary>
    internal static readonly string[] Entries = ["checkup", "delivery", "infant", "vaccine"];

    private static readonly string[] Places = ["hospital", "home", "facility", "other"];

    private static readonly string[] ReceiptFields = ["setting", "facility", "diagnoses", "procedures", "drugs", "points"];
    private static readonly string[] DiagnosisFields = ["code", "suspected", "main"];
    private static readonly string[] DrugFields = ["code", "days"];
    private static readonly string[] LabFields = ["code", "value", "unit"];
    private static readonly string[] MedicationFields = ["code", "days"];
    private static readonly string[] SurgeryFields = ["code", "complication", "los"];
    private static readonly string[] VitalFields = ["type", "value", "at"];
    private static readonly string[] MaternalFields = ["entry", "gestWeeks", "birthWeight", "vaccine", "child"];
    private static readonly string[] DeathFields = ["underlying", "causes", "place"];

    /// <summary>Reads the object that starts at the reader's current token as the data of <paramref name="kind"/>.</summary>
    public static string? Read(ref Utf8JsonReader reader, EventKind kind, out EventData? data) => kind switch
    {
        EventKind.Receipt => ReadReceipt(ref reader, out data),
        EventKind.Lab => ReadLab(ref reader, out data),
        EventKind.Medication => ReadMedication(ref reader, out data),
        EventKind.Surgery => ReadSurgery(ref reader, out data),
        EventKind.Vital => ReadVital(ref reader, out data),
        EventKind.Maternal => ReadMaternal(ref reader, out data),
        _ => ReadDeath(ref reader, out data),
    };

    private static string? ReadReceipt(ref Utf8JsonReader reader, out EventData? data)
    {
        data = null;
        string? setting = null, facility = null;
        int? points = null;
        var diagnoses = ImmutableArray<Diagnosis>.Empty;
        var procedures = ImmutableArray<string>.Empty;
        var drugs = ImmutableArray<DrugUse>.Empty;
        var seen = 0;
        string? reason;
        while (NextField(ref reader, ReceiptFields, ref seen, "data", out var field, out reason))
        {
            reason = field switch
            {
                0 => FieldReader.ReadChoice(ref reader, FieldPath.Of("data.setting"), Settings, out setting),
                1 => ReadFacility(ref reader, out facility),
                2 => ReadDiagnoses(ref reader, out diagnoses),
                3 => ReadProcedures(ref reader, out procedures),
                4 => ReadDrugs(ref reader, out drugs),
                _ => FieldReader.ReadInt(ref reader, FieldPath.Of("data.points"), 0, int.MaxValue, out points),
            };
            if (reason is not null) return reason;
        }

        if (reason is not null) return reason;
        if (setting is null) return RequiredFor("data.setting", EventKind.Receipt);
        data = new ReceiptData
        {
            Setting = setting,
            Facility = facility,
            Diagnoses = diagnoses,
            Procedures = procedures,
            Drugs = drugs,
            Points = points,
        };
        return null;
    }

    private static string? ReadFacility(ref Utf8JsonReader reader, out string? facility)
    {
        var path = FieldPath.Of("data.facility");
        var reason = FieldReader.ReadSharedString(ref reader, path, out facility);
        if (reason is not null || facility is null || FeedFormats.IsFacility(facility)) return reason;
        var bad = facility;
        facility = null;
        return $"{path}: {FieldProblems.Quote(bad)} is not a 10-digit medical institution code";
    }

    private static string? ReadDiagnoses(ref Utf8JsonReader reader, out ImmutableArray<Diagnosis> diagnoses)
    {
        diagnoses = ImmutableArray<Diagnosis>.Empty;
        const string path = "data.diagnoses";
        var reason = StartArray(ref reader, path);
        if (reason is not null || reader.TokenType == JsonTokenType.Null) return reason;
        var items = ImmutableArray.CreateBuilder<Diagnosis>();
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return FieldReader.MustBe(FieldPath.Of(path, index), "an object");
            string? code = null;
            bool? suspected = null, main = null;
            var seen = 0;
            while (NextField(ref reader, DiagnosisFields, ref seen, path, index, out var field, out reason))
            {
                reason = field switch
                {
                    0 => FieldReader.ReadIcd10(ref reader, FieldPath.Of(path, index, "code"), out code),
                    1 => FieldReader.ReadBool(ref reader, FieldPath.Of(path, index, "suspected"), out suspected),
                    _ => FieldReader.ReadBool(ref reader, FieldPath.Of(path, index, "main"), out main),
                };
                if (reason is not null) return reason;
            }

            if (reason is not null) return reason;
            if (code is null) return FieldReader.Required(FieldPath.Of(path, index, "code"));
            items.Add(new Diagnosis { Code = code, Suspected = suspected ?? false, Main = main ?? false });
        }

        diagnoses = items.ToImmutable();
        return null;
    }

    private static string? ReadProcedures(ref Utf8JsonReader reader, out ImmutableArray<string> procedures) =>
        ReadCodes(ref reader, "data.procedures", icd10: false, out procedures);

    private static string? ReadDrugs(ref Utf8JsonReader reader, out ImmutableArray<DrugUse> drugs)
    {
        drugs = ImmutableArray<DrugUse>.Empty;
        const string path = "data.drugs";
        var reason = StartArray(ref reader, path);
        if (reason is not null || reader.TokenType == JsonTokenType.Null) return reason;
        var items = ImmutableArray.CreateBuilder<DrugUse>();
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return FieldReader.MustBe(FieldPath.Of(path, index), "an object");
            string? code = null;
            int? days = null;
            var seen = 0;
            while (NextField(ref reader, DrugFields, ref seen, path, index, out var field, out reason))
            {
                reason = field switch
                {
                    0 => FieldReader.ReadCode(ref reader, FieldPath.Of(path, index, "code"), out code),
                    _ => FieldReader.ReadInt(ref reader, FieldPath.Of(path, index, "days"), 0, int.MaxValue, out days),
                };
                if (reason is not null) return reason;
            }

            if (reason is not null) return reason;
            if (code is null) return FieldReader.Required(FieldPath.Of(path, index, "code"));
            items.Add(new DrugUse { Code = code, Days = days });
        }

        drugs = items.ToImmutable();
        return null;
    }

    private static string? ReadLab(ref Utf8JsonReader reader, out EventData? data)
    {
        data = null;
        string? code = null, unit = null;
        double? value = null;
        var seen = 0;
        string? reason;
        while (NextField(ref reader, LabFields, ref seen, "data", out var field, out reason))
        {
            reason = field switch
            {
                0 => ReadJlac10(ref reader, out code),
                1 => FieldReader.ReadNumber(ref reader, FieldPath.Of("data.value"), out value),
                _ => FieldReader.ReadSharedString(ref reader, FieldPath.Of("data.unit"), out unit),
            };
            if (reason is not null) return reason;
        }

        if (reason is not null) return reason;
        if (code is null) return RequiredFor("data.code", EventKind.Lab);
        if (value is null) return RequiredFor("data.value", EventKind.Lab);
        data = new LabData { Code = code, Value = value.Value, Unit = unit };
        return null;
    }

    private static string? ReadJlac10(ref Utf8JsonReader reader, out string? code)
    {
        var path = FieldPath.Of("data.code");
        var reason = FieldReader.ReadSharedString(ref reader, path, out code);
        if (reason is not null || code is null || FeedFormats.IsJlac10(code)) return reason;
        var bad = code;
        code = null;
        return $"{path}: {FieldProblems.Quote(bad)} is not a JLAC10 code (17 letters or digits)";
    }

    private static string? ReadMedication(ref Utf8JsonReader reader, out EventData? data)
    {
        data = null;
        string? code = null;
        int? days = null;
        var seen = 0;
        string? reason;
        while (NextField(ref reader, MedicationFields, ref seen, "data", out var field, out reason))
        {
            reason = field switch
            {
                0 => FieldReader.ReadCode(ref reader, FieldPath.Of("data.code"), out code),
                _ => FieldReader.ReadInt(ref reader, FieldPath.Of("data.days"), 0, int.MaxValue, out days),
            };
            if (reason is not null) return reason;
        }

        if (reason is not null) return reason;
        if (code is null) return RequiredFor("data.code", EventKind.Medication);
        data = new MedicationData { Code = code, Days = days };
        return null;
    }

    private static string? ReadSurgery(ref Utf8JsonReader reader, out EventData? data)
    {
        data = null;
        string? code = null;
        bool? complication = null;
        int? los = null;
        var seen = 0;
        string? reason;
        while (NextField(ref reader, SurgeryFields, ref seen, "data", out var field, out reason))
        {
            reason = field switch
            {
                0 => FieldReader.ReadCode(ref reader, FieldPath.Of("data.code"), out code),
                1 => FieldReader.ReadBool(ref reader, FieldPath.Of("data.complication"), out complication),
                _ => FieldReader.ReadInt(ref reader, FieldPath.Of("data.los"), 0, int.MaxValue, out los),
            };
            if (reason is not null) return reason;
        }

        if (reason is not null) return reason;
        if (code is null) return RequiredFor("data.code", EventKind.Surgery);
        data = new SurgeryData { Code = code, Complication = complication, Los = los };
        return null;
    }

    private static string? ReadVital(ref Utf8JsonReader reader, out EventData? data)
    {
        data = null;
        string? type = null, at = null;
        double? value = null;
        var seen = 0;
        string? reason;
        while (NextField(ref reader, VitalFields, ref seen, "data", out var field, out reason))
        {
            reason = field switch
            {
                0 => FieldReader.ReadChoice(ref reader, FieldPath.Of("data.type"), VitalTypes, out type),
                1 => FieldReader.ReadNumber(ref reader, FieldPath.Of("data.value"), out value),
                _ => ReadAt(ref reader, out at),
            };
            if (reason is not null) return reason;
        }

        if (reason is not null) return reason;
        if (type is null) return RequiredFor("data.type", EventKind.Vital);
        if (value is null) return RequiredFor("data.value", EventKind.Vital);
        if (at is null) return RequiredFor("data.at", EventKind.Vital);
        data = new VitalData { Type = type, Value = value.Value, At = at };
        return null;
    }

    private static string? ReadAt(ref Utf8JsonReader reader, out string? at)
    {
        var path = FieldPath.Of("data.at");
        var reason = FieldReader.ReadString(ref reader, path, out at);
        if (reason is not null || at is null || FeedFormats.IsDateTimeWithOffset(at)) return reason;
        var bad = at;
        at = null;
        return $"{path}: {FieldProblems.Quote(bad)} is not a date-time with offset, e.g. 2024-04-15T08:30:00+09:00";
    }

    private static string? ReadMaternal(ref Utf8JsonReader reader, out EventData? data)
    {
        data = null;
        string? entry = null, vaccine = null;
        int? gestWeeks = null, birthWeight = null;
        Subject? child = null;
        var seen = 0;
        string? reason;
        while (NextField(ref reader, MaternalFields, ref seen, "data", out var field, out reason))
        {
            reason = field switch
            {
                0 => FieldReader.ReadChoice(ref reader, FieldPath.Of("data.entry"), Entries, out entry),
                1 => FieldReader.ReadInt(ref reader, FieldPath.Of("data.gestWeeks"), 0, FeedFormats.MaxGestWeeks, out gestWeeks),
                2 => FieldReader.ReadInt(ref reader, FieldPath.Of("data.birthWeight"), FeedFormats.MinBirthWeight, FeedFormats.MaxBirthWeight, out birthWeight),
                3 => FieldReader.ReadCode(ref reader, FieldPath.Of("data.vaccine"), out vaccine),
                _ => ReadChild(ref reader, out child),
            };
            if (reason is not null) return reason;
        }

        if (reason is not null) return reason;
        if (entry is null) return RequiredFor("data.entry", EventKind.Maternal);
        data = new MaternalData { Entry = entry, GestWeeks = gestWeeks, BirthWeight = birthWeight, Vaccine = vaccine, Child = child };
        return null;
    }

    private static string? ReadChild(ref Utf8JsonReader reader, out Subject? child)
    {
        child = null;
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.StartObject => SubjectParser.Read(ref reader, "data.child", out child),
            _ => FieldReader.MustBe(FieldPath.Of("data.child"), "an object"),
        };
    }

    private static string? ReadDeath(ref Utf8JsonReader reader, out EventData? data)
    {
        data = null;
        string? underlying = null, place = null;
        var causes = ImmutableArray<string>.Empty;
        var seen = 0;
        string? reason;
        while (NextField(ref reader, DeathFields, ref seen, "data", out var field, out reason))
        {
            reason = field switch
            {
                0 => FieldReader.ReadIcd10(ref reader, FieldPath.Of("data.underlying"), out underlying),
                1 => ReadCodes(ref reader, "data.causes", icd10: true, out causes),
                _ => FieldReader.ReadChoice(ref reader, FieldPath.Of("data.place"), Places, out place),
            };
            if (reason is not null) return reason;
        }

        if (reason is not null) return reason;
        if (underlying is null) return RequiredFor("data.underlying", EventKind.Death);
        data = new DeathData { Underlying = underlying, Causes = causes, Place = place };
        return null;
    }

    /// <summary>An optional array of codes, ICD-10 or free-text ones.</summary>
    private static string? ReadCodes(ref Utf8JsonReader reader, string path, bool icd10, out ImmutableArray<string> codes)
    {
        codes = ImmutableArray<string>.Empty;
        var reason = StartArray(ref reader, path);
        if (reason is not null || reader.TokenType == JsonTokenType.Null) return reason;
        var items = ImmutableArray.CreateBuilder<string>();
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            var at = FieldPath.Of(path, index);
            if (reader.TokenType != JsonTokenType.String) return FieldReader.MustBe(at, "a string");
            reason = icd10 ? FieldReader.ReadIcd10(ref reader, at, out var code) : FieldReader.ReadCode(ref reader, at, out code);
            if (reason is not null) return reason;
            items.Add(code!);
        }

        codes = items.ToImmutable();
        return null;
    }

    /// <summary>Checks that the current token starts an array (or is null, an absent array).</summary>
    private static string? StartArray(ref Utf8JsonReader reader, string path) =>
        reader.TokenType is JsonTokenType.StartArray or JsonTokenType.Null ? null : FieldReader.MustBe(FieldPath.Of(path), "an array");

    private static bool NextField(
        ref Utf8JsonReader reader, string[] fields, ref int seen, string parent, out int field, out string? reason) =>
        NextField(ref reader, fields, ref seen, parent, -1, out field, out reason);

    /// <summary>
    /// Moves to the value of the next known field of the current object, skipping unknown ones.
    /// False at the end of the object, or with a reason when a known field appears twice.
    /// </summary>
    private static bool NextField(
        ref Utf8JsonReader reader, string[] fields, ref int seen, string parent, int index, out int field, out string? reason)
    {
        reason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            field = FieldReader.Match(ref reader, fields);
            reader.Read();
            if (field < 0)
            {
                // Unknown fields are how the contract grows: ignore them.
                reader.Skip();
                continue;
            }

            if ((seen & (1 << field)) != 0)
            {
                reason = FieldReader.Duplicate(index < 0 ? FieldPath.Of(parent, fields[field]) : FieldPath.Of(parent, index, fields[field]));
                field = -1;
                return false;
            }

            seen |= 1 << field;
            return true;
        }

        field = -1;
        return false;
    }

    private static string RequiredFor(string path, EventKind kind) => $"{path}: required for kind {EventKinds.Name(kind)}";
}
