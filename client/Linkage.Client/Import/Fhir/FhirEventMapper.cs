using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Linkage.Feeds;

namespace Linkage.Client.Import.Fhir;

/// <summary>Maps the clinical FHIR resources (Condition, Observation, medications, Procedure, claims) onto events-v1.</summary>
/// <remarks>Every event's subject is the Patient the resource refers to, which must have been read before.</remarks>
internal sealed partial class FhirEventMapper(
    ImportOptions options,
    FhirPatientIndex patients,
    DiseaseCodeMapper diseases,
    MedicationCodeMapper medications,
    IReadOnlyDictionary<string, Diagnosis> conditions,
    IReadOnlySet<string> claims,
    Action<string> leftOut)
{
    /// <summary>The resource types this mapper turns into events (Patient is read separately).</summary>
    public static readonly IReadOnlySet<string> Mapped = new HashSet<string>(StringComparer.Ordinal)
    {
        "Condition", "Observation", "MedicationDispense", "MedicationRequest", "Procedure", "Claim", "ExplanationOfBenefit",
    };

    private static readonly string[] SuspectedStatuses = ["unconfirmed", "provisional", "differential"];
    private static readonly string[] NotADiagnosis = ["refuted", "entered-in-error"];

    private FhirMappingOptions Mapping => options.Fhir;

    /// <summary>The shape of a surgical K-code (<c>K5493</c>, <c>K549-3</c>): not an events-v1 rule, how a coding is recognised as one.</summary>
    [GeneratedRegex("^K[0-9]{3}[0-9A-Z-]*$")]
    private static partial Regex KCode();

    /// <summary>The events of <paramref name="resource"/>; raises <see cref="RejectedInput"/> naming the field when it cannot be mapped.</summary>
    public IReadOnlyList<FeedEvent> Map(Resource resource) => resource switch
    {
        Condition c => [Condition(c)],
        Observation o => Observation(o),
        MedicationDispense d => [Dispense(d)],
        MedicationRequest r => [Request(r)],
        Procedure p => [Surgery(p)],
        Claim c => [Claim(c)],
        ExplanationOfBenefit e => [Benefit(e)],
        _ => throw new RejectedInput($"resource type {resource.TypeName} is not mapped"),
    };

    /// <summary>The diagnosis of a Condition, for claims that refer to it; null when its code maps to nothing.</summary>
    public Diagnosis? DiagnosisOf(Condition condition)
    {
        var verification = Codes(condition.VerificationStatus).FirstOrDefault();
        if (verification is not null && NotADiagnosis.Contains(verification)) return null;
        string? code;
        try
        {
            code = DiseaseCode(condition.Code);
        }
        catch (RejectedInput)
        {
            return null; // the Condition's own line says why
        }

        return code is null ? null : new Diagnosis { Code = code, Suspected = verification is not null && SuspectedStatuses.Contains(verification) };
    }

    /// <summary>A Condition alone becomes an outpatient receipt with one diagnosis, so that cohort criteria on diagnoses see it.</summary>
    private FeedEvent Condition(Condition condition)
    {
        var verification = Codes(condition.VerificationStatus).FirstOrDefault();
        if (verification is not null && NotADiagnosis.Contains(verification)) throw new RejectedInput($"Condition.verificationStatus is {verification}: not a diagnosis");
        var code = DiseaseCode(condition.Code, "Condition.code")
            ?? throw new RejectedInput($"Condition.code has no coding of an ICD-10 system ({string.Join(", ", Mapping.Icd10Systems)}), a receipt disease code system ({string.Join(", ", Mapping.ReceiptDiseaseSystems)}) or a MEDIS 病名管理番号 or 病名交換用コード system{Given(condition.Code)}");
        var diagnosis = new Diagnosis { Code = code, Suspected = verification is not null && SuspectedStatuses.Contains(verification) };
        var onset = condition.Onset switch
        {
            FhirDateTime dateTime => dateTime.Value,
            Period period => period.Start,
            _ => null,
        };
        return Event(condition, EventKind.Receipt, patients.Resolve(condition.Subject, "Condition.subject"),
            FhirDates.RequiredDay("Condition.onset[x]/recordedDate", onset, condition.RecordedDate),
            new ReceiptData { Setting = "outpatient", Diagnoses = [diagnosis] });
    }

    private IReadOnlyList<FeedEvent> Observation(Observation observation)
    {
        if (observation.Status is ObservationStatus.Cancelled or ObservationStatus.EnteredInError)
        {
            throw new RejectedInput($"Observation.status is {observation.StatusElement?.JsonValue}: nothing to take");
        }

        var categories = observation.Category.SelectMany(Codes).ToList();
        if (categories.Contains("laboratory")) return [Lab(observation)];
        if (categories.Contains("vital-signs") || categories.Contains("activity")) return Vitals(observation);
        throw new RejectedInput($"Observation.category ({(categories.Count > 0 ? string.Join(", ", categories) : "none")}) is neither laboratory nor vital-signs");
    }

    private FeedEvent Lab(Observation observation)
    {
        var code = Coding(observation.Code, Mapping.LabCodeSystems, FeedFormats.IsJlac10)
            ?? throw new RejectedInput($"Observation.code has no JLAC10 coding (17 letters or digits, of {string.Join(", ", Mapping.LabCodeSystems)}){Given(observation.Code)}: events-v1 lab.code is JLAC10");
        if (observation.Value is not Quantity { Value: { } value } quantity) throw new RejectedInput("Observation.valueQuantity is missing: a lab event needs a numeric value");
        var subject = patients.Resolve(observation.Subject, "Observation.subject");
        var (date, _) = EffectiveOf(observation);
        return Event(observation, EventKind.Lab, subject, date,
            new LabData { Code = code, Value = (double)value, Unit = quantity.Unit ?? quantity.Code });
    }

    /// <summary>One vital event per LOINC-coded value: the observation's own, or each component of a panel (blood pressure).</summary>
    private IReadOnlyList<FeedEvent> Vitals(Observation observation)
    {
        var subject = patients.Resolve(observation.Subject, "Observation.subject");
        var (date, at) = EffectiveOf(observation);
        if (at is null) throw new RejectedInput("Observation.effective[x] has no time with an offset: a vital's 'at' needs one");

        var events = new List<FeedEvent>();
        if (VitalType(observation.Code) is { } type)
        {
            events.Add(Vital(observation, subject, date, at, type, observation.Value, "Observation.valueQuantity", null));
        }

        foreach (var component in observation.Component)
        {
            if (VitalType(component.Code) is not { } componentType) continue;
            events.Add(Vital(observation, subject, date, at, componentType, component.Value, "Observation.component.valueQuantity", componentType));
        }

        return events.Count > 0
            ? events
            : throw new RejectedInput($"Observation.code has no LOINC code of a vital events-v1 knows ({string.Join(", ", FhirVitalCodes.Types.Keys)})");
    }

    private FeedEvent Vital(Observation observation, Subject subject, DateOnly date, string at, string type, DataType? value, string field, string? part)
    {
        if (value is not Quantity { Value: { } number } quantity) throw new RejectedInput($"{field} is missing for {type}");
        var converted = FhirVitalCodes.Convert(type, (double)number, quantity.Code ?? quantity.Unit)
            ?? throw new RejectedInput($"{field} unit '{quantity.Code ?? quantity.Unit}' is not one the importer converts for {type}");
        var feedEvent = Event(observation, EventKind.Vital, subject, date, new VitalData { Type = type, Value = converted, At = at });
        return part is null ? feedEvent : feedEvent with { RecordId = feedEvent.RecordId + "/" + part };
    }

    private FeedEvent Dispense(MedicationDispense dispense)
    {
        if (dispense.Status is MedicationDispense.MedicationDispenseStatusCodes.Cancelled or MedicationDispense.MedicationDispenseStatusCodes.EnteredInError or MedicationDispense.MedicationDispenseStatusCodes.Declined)
        {
            throw new RejectedInput($"MedicationDispense.status is {dispense.StatusElement?.JsonValue}: nothing was dispensed");
        }

        var code = MedicationCode(dispense.Medication, "MedicationDispense");
        var subject = patients.Resolve(dispense.Subject, "MedicationDispense.subject");
        var date = FhirDates.RequiredDay("MedicationDispense.whenHandedOver/whenPrepared", dispense.WhenHandedOver, dispense.WhenPrepared);
        return Event(dispense, EventKind.Medication, subject, date, new MedicationData { Code = code, Days = Days(dispense.DaysSupply) });
    }

    private FeedEvent Request(MedicationRequest request)
    {
        if (request.Status is MedicationRequest.MedicationrequestStatus.Cancelled or MedicationRequest.MedicationrequestStatus.EnteredInError)
        {
            throw new RejectedInput($"MedicationRequest.status is {request.StatusElement?.JsonValue}: nothing was prescribed");
        }

        var code = MedicationCode(request.Medication, "MedicationRequest");
        var subject = patients.Resolve(request.Subject, "MedicationRequest.subject");
        var date = FhirDates.RequiredDay("MedicationRequest.authoredOn", request.AuthoredOn);
        var days = Days(request.DispenseRequest?.ExpectedSupplyDuration)
            ?? request.DosageInstruction.Select(d => Days(d.Timing?.Repeat?.Bounds as Duration)).FirstOrDefault(d => d is not null);
        return Event(request, EventKind.Medication, subject, date, new MedicationData { Code = code, Days = days });
    }

    private FeedEvent Surgery(Procedure procedure)
    {
        if (procedure.Status is EventStatus.NotDone or EventStatus.EnteredInError)
        {
            throw new RejectedInput($"Procedure.status is {procedure.StatusElement?.JsonValue}: nothing was done");
        }

        var code = SurgeryCode(procedure.Code)
            ?? throw new RejectedInput("Procedure.code has no K-code (e.g. K5493)"
                + (Mapping.SurgeryCodeSystems.Count > 0 ? $" of {string.Join(", ", Mapping.SurgeryCodeSystems)}" : " of a system that is not another terminology's")
                + $"{Given(procedure.Code)}: events-v1 surgery.code is a K-code");
        var subject = patients.Resolve(procedure.Subject, "Procedure.subject");
        var performed = procedure.Performed switch
        {
            FhirDateTime dateTime => dateTime.Value,
            Period period => period.Start,
            _ => null,
        };
        var date = FhirDates.RequiredDay("Procedure.performed[x]", performed);
        bool? complication = procedure.Complication.Count > 0 || procedure.ComplicationDetail.Count > 0 ? true : null;
        return Event(procedure, EventKind.Surgery, subject, date, new SurgeryData { Code = code, Complication = complication });
    }

    private FeedEvent Claim(Claim claim)
    {
        if (claim.Status is FinancialResourceStatusCodes.Cancelled or FinancialResourceStatusCodes.EnteredInError)
        {
            throw new RejectedInput($"Claim.status is {claim.StatusElement?.JsonValue}: not a claim to take");
        }

        var subject = patients.Resolve(claim.Patient, "Claim.patient");
        var serviced = claim.Item.Select(i => i.Serviced switch { Date d => d.Value, Period p => p.Start, _ => null }).FirstOrDefault(v => v is not null);
        var date = FhirDates.RequiredDay("Claim.billablePeriod.start/item.serviced[x]/created", claim.BillablePeriod?.Start, serviced, claim.Created);
        var data = new ReceiptData
        {
            Setting = Setting(claim.Type, "Claim.type"),
            Facility = Facility(claim.Provider) ?? Facility(claim.Facility),
            Diagnoses = [.. claim.Diagnosis.Select(d => ClaimDiagnosis(d.Diagnosis, d.Type, "Claim")).OfType<Diagnosis>()],
            Procedures = ClaimProcedures(claim.Procedure.Select(p => p.Procedure), claim.Item.Select(i => i.ProductOrService)),
            Drugs = ClaimDrugs(claim.Item.Select(i => i.ProductOrService), "Claim"),
            Points = Points(claim.Total),
        };
        return Receipt(claim, subject, date, data);
    }

    private FeedEvent Benefit(ExplanationOfBenefit benefit)
    {
        if (benefit.Status is ExplanationOfBenefit.ExplanationOfBenefitStatus.Cancelled or ExplanationOfBenefit.ExplanationOfBenefitStatus.EnteredInError)
        {
            throw new RejectedInput($"ExplanationOfBenefit.status is {benefit.StatusElement?.JsonValue}: not a claim to take");
        }

        if (ClaimId(benefit.Claim) is { } claimId && claims.Contains(claimId))
        {
            throw new SkippedInput("explanation of benefit of a Claim in the same export: the Claim makes the receipt (one receipt per claim)", warn: false);
        }

        var subject = patients.Resolve(benefit.Patient, "ExplanationOfBenefit.patient");
        var serviced = benefit.Item.Select(i => i.Serviced switch { Date d => d.Value, Period p => p.Start, _ => null }).FirstOrDefault(v => v is not null);
        var date = FhirDates.RequiredDay("ExplanationOfBenefit.billablePeriod.start/item.serviced[x]/created", benefit.BillablePeriod?.Start, serviced, benefit.Created);
        var submitted = benefit.Total.FirstOrDefault(t => Codes(t.Category).Contains("submitted"))?.Amount;
        var data = new ReceiptData
        {
            Setting = Setting(benefit.Type, "ExplanationOfBenefit.type"),
            Facility = Facility(benefit.Provider) ?? Facility(benefit.Facility),
            Diagnoses = [.. benefit.Diagnosis.Select(d => ClaimDiagnosis(d.Diagnosis, d.Type, "ExplanationOfBenefit")).OfType<Diagnosis>()],
            Procedures = ClaimProcedures(benefit.Procedure.Select(p => p.Procedure), benefit.Item.Select(i => i.ProductOrService)),
            Drugs = ClaimDrugs(benefit.Item.Select(i => i.ProductOrService), "ExplanationOfBenefit"),
            Points = Points(submitted),
        };
        return Receipt(benefit, subject, date, data);
    }

    /// <summary>A claim's receipt, unless it has nothing a cohort could count: no diagnosis, procedure or drug of the systems events-v1 takes.</summary>
    private FeedEvent Receipt(Resource claim, Subject subject, DateOnly date, ReceiptData data)
    {
        if (data.Diagnoses.IsDefaultOrEmpty && data.Procedures.IsDefaultOrEmpty && data.Drugs.IsDefaultOrEmpty)
        {
            throw new SkippedInput(
                "no diagnosis, procedure or drug of a system events-v1 takes (ICD-10 or receipt disease codes, procedure codes, YJ codes): no receipt made", warn: true);
        }

        return Event(claim, EventKind.Receipt, subject, date, data);
    }

    /// <summary>The id of the Claim a reference names (<c>Claim/id</c>, absolute, or <c>urn:uuid:id</c>), or null.</summary>
    private static string? ClaimId(ResourceReference? reference)
    {
        if (reference?.Reference is not { Length: > 0 } text) return null;
        if (text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)) return text["urn:uuid:".Length..];
        var parts = text.Split('/');
        var at = Array.LastIndexOf(parts, "Claim");
        return at >= 0 && at + 1 < parts.Length && parts[at + 1].Length > 0 ? parts[at + 1] : null;
    }

    /// <summary>Claim type (claim-type code system) to receipt setting.</summary>
    private static string Setting(CodeableConcept? type, string field)
    {
        var code = Codes(type).FirstOrDefault();
        return code switch
        {
            "institutional" => "inpatient",
            "professional" or "vision" => "outpatient",
            "oral" => "dental",
            "pharmacy" => "pharmacy",
            _ => throw new RejectedInput($"{field} '{code ?? "(none)"}' is not institutional, professional, vision, oral or pharmacy"),
        };
    }

    private string? Facility(ResourceReference? reference) =>
        reference?.Identifier is { } identifier && Mapping.FacilitySystems.Contains(identifier.System) && identifier.Value is { } value && FeedFormats.IsFacility(value)
            ? value
            : null;

    private Diagnosis? ClaimDiagnosis(DataType? diagnosis, List<CodeableConcept> types, string resource)
    {
        var main = types.SelectMany(Codes).Contains("principal");
        Diagnosis? found = diagnosis switch
        {
            CodeableConcept concept => DiseaseCodeOrNull(concept) is { } code ? new Diagnosis { Code = code } : null,
            ResourceReference { Reference: { } reference } when reference.Split('/') is [.., "Condition", var id] => conditions.GetValueOrDefault(id),

            // Synthea and transaction bundles refer by urn:uuid.
            ResourceReference { Reference: { } reference } when reference.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) =>
                conditions.GetValueOrDefault(reference["urn:uuid:".Length..]),
            _ => null,
        };
        if (found is null)
        {
            leftOut($"{resource}.diagnosis without an ICD-10 or receipt disease code (directly or in a Condition read before)");
            return null;
        }

        return found with { Main = main };
    }

    private ImmutableArray<string> ClaimProcedures(IEnumerable<DataType?> procedures, IEnumerable<CodeableConcept?> items)
    {
        var codes = new List<string>();
        foreach (var concept in procedures.OfType<CodeableConcept>().Concat(items.OfType<CodeableConcept>()))
        {
            if (Coding(concept, Mapping.ProcedureCodeSystems) is { } code && !codes.Contains(code)) codes.Add(code);
        }

        return [.. codes];
    }

    /// <summary>The YJ-coded items of a claim; an item coded in neither a procedure nor a medication system is counted as left out.</summary>
    private ImmutableArray<DrugUse> ClaimDrugs(IEnumerable<CodeableConcept?> items, string resource)
    {
        var drugs = ImmutableArray.CreateBuilder<DrugUse>();
        foreach (var item in items)
        {
            if (medications.YjOf(item, out _) is { } code) drugs.Add(new DrugUse { Code = code });
            else if (Coding(item, Mapping.ProcedureCodeSystems) is null) leftOut($"{resource}.item.productOrService coded in neither a procedure nor a YJ medication system");
        }

        return drugs.ToImmutable();
    }

    /// <summary>Points of a claim total in yen: one point is ten yen. Other currencies give no points.</summary>
    private static int? Points(Money? total) =>
        total is { Value: { } yen } && total.Currency?.ToString() == "JPY" ? (int)Math.Round(yen / 10m, MidpointRounding.AwayFromZero) : null;

    /// <summary>The YJ code of a medication: only a coding of a YJ system goes into <c>medication.code</c>, never another system's code.</summary>
    private string MedicationCode(DataType? medication, string resource) => medication switch
    {
        CodeableConcept concept => medications.YjOf(concept, out var reasons)
            ?? throw new RejectedInput(reasons.Count > 0
                ? $"{resource}.medicationCodeableConcept has no YJ code: {string.Join("; ", reasons)}"
                : $"{resource}.medicationCodeableConcept has no YJ coding (of {string.Join(", ", Mapping.MedicationCodeSystems)}){Given(concept)}: events-v1 medication.code is a YJ code"),
        ResourceReference => throw new RejectedInput($"{resource}.medicationReference is not followed: give medicationCodeableConcept"),
        _ => throw new RejectedInput($"{resource}.medication[x] is missing"),
    };

    /// <summary>
    /// The diagnosis code of a concept: ICD-10 as it is, a receipt disease code through the disease master (or
    /// <c>JP:</c>), a MEDIS 病名管理番号 or 病名交換用コード through the disease master; null when it has none of these;
    /// raises a rejection saying which master to get when a MEDIS code cannot be mapped.
    /// </summary>
    private string? DiseaseCode(CodeableConcept? concept, string field = "code")
    {
        if (Coding(concept, Mapping.Icd10Systems) is { } icd && Icd10Code.TryNormalize(icd, out var formatted)) return formatted;
        if (Coding(concept, Mapping.ReceiptDiseaseSystems, c => c.Length == 7 && c.All(char.IsAsciiDigit)) is { } receiptCode) return diseases.Map(receiptCode);
        if (SystemOf(concept, Mapping.DiseaseKeyNumberSystems, c => c.Length == 8 && c.All(char.IsAsciiDigit)) is var (keySystem, keyNumber))
        {
            return Medis(keyNumber, keyNumber: true, keySystem, field);
        }

        if (SystemOf(concept, Mapping.DiseaseExchangeCodeSystems, c => c.Length == 4 && c.All(char.IsAsciiLetterOrDigit)) is var (exSystem, exchangeCode))
        {
            return Medis(exchangeCode, keyNumber: false, exSystem, field);
        }

        return null;
    }

    private string Medis(string code, bool keyNumber, string system, string field)
    {
        try
        {
            return diseases.MapMedis(code, keyNumber, system);
        }
        catch (RejectedInput rejection)
        {
            throw new RejectedInput($"{field}: {rejection.Message}");
        }
    }

    /// <summary>The diagnosis code of a claim's diagnosis, or null when it has none that maps (counted as left out by the caller).</summary>
    private string? DiseaseCodeOrNull(CodeableConcept concept)
    {
        try
        {
            return DiseaseCode(concept);
        }
        catch (RejectedInput)
        {
            return null;
        }
    }

    /// <summary>The system and code of the first coding of the listed systems with a code of the right shape.</summary>
    private static (string System, string Code)? SystemOf(CodeableConcept? concept, IReadOnlyList<string> systems, Func<string, bool> shape)
    {
        if (concept is null) return null;
        foreach (var system in systems)
        {
            if (concept.Coding.FirstOrDefault(c => c.System == system && c.Code is { } code && shape(code.Trim())) is { } coding) return (system, coding.Code!.Trim());
        }

        return null;
    }

    /// <summary>
    /// A K-code of a listed surgery system; with none listed, a coding shaped like a K-code whose system is not one
    /// this mapping or the international terminologies (<see cref="FhirCodeSystems.NotSurgery"/>) use for something else.
    /// </summary>
    private string? SurgeryCode(CodeableConcept? concept)
    {
        if (Mapping.SurgeryCodeSystems.Count > 0) return Coding(concept, Mapping.SurgeryCodeSystems, KCode().IsMatch);
        var other = Mapping.Icd10Systems.Concat(Mapping.ReceiptDiseaseSystems).Concat(Mapping.DiseaseKeyNumberSystems).Concat(Mapping.DiseaseExchangeCodeSystems)
            .Concat(Mapping.LabCodeSystems).Concat(Mapping.MedicationCodeSystems).Concat(Mapping.Hot13Systems).Concat(Mapping.Hot9Systems).Concat(Mapping.Hot7Systems)
            .Concat(Mapping.GenericNameSystems).Concat(Mapping.ProcedureCodeSystems).Concat(FhirCodeSystems.NotSurgery).ToHashSet(StringComparer.Ordinal);
        return concept?.Coding.FirstOrDefault(c => !other.Contains(c.System ?? string.Empty) && c.Code is { } code && KCode().IsMatch(code.Trim()))?.Code!.Trim();
    }

    /// <summary>", it has system|code, ..." naming what a concept does give, for a rejection that says why none of it was taken.</summary>
    private static string Given(CodeableConcept? concept)
    {
        var given = concept?.Coding.Where(c => !string.IsNullOrWhiteSpace(c.Code)).Take(3).Select(c => $"{c.System ?? "(no system)"}|{c.Code}").ToList();
        return given is { Count: > 0 } ? $"; it has {string.Join(", ", given)}" : string.Empty;
    }

    /// <summary>The first code of <paramref name="concept"/> in the first listed system that has one of the right shape.</summary>
    private static string? Coding(CodeableConcept? concept, IReadOnlyList<string> systems, Func<string, bool>? shape = null)
    {
        if (concept is null) return null;
        bool Fits(Coding c) => !string.IsNullOrWhiteSpace(c.Code) && (shape is null || shape(c.Code.Trim()));
        foreach (var system in systems)
        {
            if (concept.Coding.FirstOrDefault(c => c.System == system && Fits(c)) is { } coding) return coding.Code!.Trim();
        }

        return null;
    }

    private static IEnumerable<string> Codes(CodeableConcept? concept) =>
        concept?.Coding.Select(c => c.Code).OfType<string>() ?? [];

    private static string? VitalType(CodeableConcept? code) =>
        code?.Coding.Where(c => c.System == FhirCodeSystems.Loinc && c.Code is not null)
            .Select(c => FhirVitalCodes.Types.TryGetValue(c.Code!, out var type) ? type : null)
            .FirstOrDefault(t => t is not null);

    /// <summary>The day of an observation and, when it has time and offset, the ISO date-time for a vital's <c>at</c>.</summary>
    private static (DateOnly Date, string? At) EffectiveOf(Observation observation)
    {
        var value = observation.Effective switch
        {
            FhirDateTime dateTime => dateTime.Value,
            Period period => period.Start,
            Instant instant => instant.Value?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            _ => null,
        };
        var date = FhirDates.RequiredDay("Observation.effective[x]/issued", value, observation.Issued?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return (date, FhirDates.HasTimeAndOffset(value) ? value : null);
    }

    /// <summary>Whole days of a duration or quantity in days (d, day, 日) or weeks (wk).</summary>
    private static int? Days(Quantity? quantity)
    {
        if (quantity?.Value is not { } value) return null;
        var unit = (quantity.Code ?? quantity.Unit ?? "d").Trim().ToLowerInvariant();
        var days = unit switch
        {
            "d" or "day" or "days" or "日" or "日分" => value,
            "wk" or "week" or "weeks" => value * 7,
            _ => (decimal?)null,
        };
        return days is { } d && d >= 0 ? (int)Math.Round(d) : null;
    }

    private FeedEvent Event(Resource resource, EventKind kind, Subject subject, DateOnly date, EventData data) => new()
    {
        Source = options.Source,
        RecordId = $"{resource.TypeName}/{resource.Id}",
        Version = FhirVersion.Of(resource),
        Kind = kind,
        Date = date,
        Subject = subject,
        Data = data,
    };
}
