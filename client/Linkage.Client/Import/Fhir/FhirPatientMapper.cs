using System.Globalization;
using Hl7.Fhir.Model;
using Linkage.Feeds;
using Linkage.Tokens;

namespace Linkage.Client.Import.Fhir;

/// <summary>Maps a FHIR Patient onto a tokenized subject (mid, id1, id2 as <see cref="FhirMappingOptions"/> says) and its death.</summary>
internal sealed class FhirPatientMapper(ImportOptions options)
{
    /// <summary>ICD-10 R99 (other ill-defined and unspecified causes of mortality): a Patient says when, not why.</summary>
    public const string UnknownCauseOfDeath = "R99";

    private FhirMappingOptions Mapping => options.Fhir;

    public FhirPatient Map(Patient patient)
    {
        var sex = patient.Gender switch
        {
            AdministrativeGender.Male => Sex.M,
            AdministrativeGender.Female => Sex.F,
            _ => Sex.U,
        };
        var birthMonth = FhirDates.Month(patient.BirthDate)
            ?? throw new RejectedInput(patient.BirthDate is null ? "Patient.birthDate is missing" : $"Patient.birthDate '{patient.BirthDate}' has no month");
        var birth = FhirDates.Day(patient.BirthDate);

        var mid = patient.Identifier.FirstOrDefault(i => Mapping.MidSystems.Contains(i.System) && !string.IsNullOrWhiteSpace(i.Value)) is { } medicalId
            ? options.Tokenizer.Mid(medicalId.Value!)
            : null;
        string? id1 = null;
        string? id2 = null;
        var missing = new List<string>();
        if (birth is { } birthDate)
        {
            id1 = Id1(patient, birthDate, sex);
            var kana = KanaNameOf(patient);
            id2 = kana is null ? null : options.Tokenizer.Id2(kana, birthDate, sex);
            if (kana is null) missing.Add(KanaRule());
        }
        else
        {
            missing.Add($"Patient.birthDate '{patient.BirthDate}' is not a full date, so no id1/id2");
        }

        if (mid is null && id1 is null && id2 is null)
        {
            var systems = string.Join(", ", Mapping.MidSystems.Concat(Mapping.Id1Systems));
            throw new RejectedInput($"no identity: no Patient.identifier of the configured systems ({(systems.Length > 0 ? systems : "none")}) and {string.Join("; ", missing)}");
        }

        var subject = new Subject { Mid = mid, Id1 = id1, Id2 = id2, Birth = birthMonth, Sex = sex, Pref = PrefectureOf(patient) };
        var (death, deathProblem) = Death(patient, subject);
        return new FhirPatient(subject, death, deathProblem);
    }

    private string? Id1(Patient patient, DateOnly birth, Sex sex)
    {
        var identifier = patient.Identifier.FirstOrDefault(i => Mapping.Id1Systems.Contains(i.System) && !string.IsNullOrWhiteSpace(i.Value));
        if (identifier is null) return null;
        var parts = identifier.Value!.Split(':');
        if (parts.Length is < 3 or > 4)
        {
            throw new RejectedInput($"Patient.identifier ({identifier.System}) value is not insurer:symbol:number:branch");
        }

        var insurer = LinkageTokenizer.NormalizeText(parts[0]);
        var symbol = Uri.UnescapeDataString(parts[1]);
        var number = Uri.UnescapeDataString(parts[2]);
        var branch = parts.Length == 4 ? LinkageTokenizer.NormalizeText(parts[3]) : string.Empty;
        if (insurer.Length is 0 or > 8 || !insurer.All(char.IsAsciiDigit)) throw new RejectedInput($"Patient.identifier ({identifier.System}) insurer number '{insurer}' is not 1 to 8 digits");
        if (LinkageTokenizer.NormalizeText(number).Length == 0) throw new RejectedInput($"Patient.identifier ({identifier.System}) has no insured number");
        if (branch.Length > 2 || !branch.All(char.IsAsciiDigit)) throw new RejectedInput($"Patient.identifier ({identifier.System}) branch number '{branch}' is not 2 digits");
        return options.Tokenizer.Id1(insurer, symbol, number, branch, birth, sex);
    }

    /// <summary>The name for id2: the one marked with the configured representation (JP Core SYL), else one of the configured uses.</summary>
    private string? KanaNameOf(Patient patient)
    {
        var name = patient.Name.FirstOrDefault(n => Mapping.KanaNameRepresentation is { } representation
                && n.Extension.Any(e => e.Url == FhirMappingOptions.NameRepresentationUrl && e.Value is Code code && code.Value == representation))
            ?? patient.Name.FirstOrDefault(n => n.Use is { } use && Mapping.KanaNameUses.Contains(use.ToString().ToLowerInvariant()));
        if (name is null) return null;
        var text = !string.IsNullOrWhiteSpace(name.Text) ? name.Text : string.Join(" ", new[] { name.Family }.Concat(name.Given).Where(p => !string.IsNullOrWhiteSpace(p)));
        if (string.IsNullOrWhiteSpace(text)) return null;
        return !Mapping.RequireKana || KanaName.IsKana(text) ? text : null;
    }

    private string KanaRule()
    {
        var representation = Mapping.KanaNameRepresentation is { } r ? $"a name with representation {r}" : null;
        var uses = Mapping.KanaNameUses.Count > 0 ? $"a name of use {string.Join("/", Mapping.KanaNameUses)}" : null;
        var which = string.Join(" or ", new[] { representation, uses }.Where(s => s is not null));
        return $"no {(which.Length > 0 ? which : "configured name")}{(Mapping.RequireKana ? " written in kana" : string.Empty)} for id2";
    }

    private string? PrefectureOf(Patient patient)
    {
        if (!Mapping.PrefectureFromAddress) return null;
        var address = patient.Address.FirstOrDefault(a => a.Use == Address.AddressUse.Home) ?? patient.Address.FirstOrDefault();
        return Prefecture.TryParse(address?.State, out var code) ? code : null;
    }

    private (FeedEvent? Death, string? Problem) Death(Patient patient, Subject subject)
    {
        switch (patient.Deceased)
        {
            case FhirDateTime when_:
                if (FhirDates.Day(when_.Value) is not { } day) return (null, $"Patient.deceasedDateTime '{when_.Value}' is not a full date: no death event");
                return (new FeedEvent
                {
                    Source = options.Source,
                    RecordId = $"Patient/{patient.Id}/death",
                    Version = FhirVersion.Of(patient),
                    Kind = EventKind.Death,
                    Date = day,
                    Subject = subject,
                    Data = new DeathData { Underlying = UnknownCauseOfDeath },
                }, null);
            case FhirBoolean { Value: true }:
                return (null, "Patient.deceasedBoolean is true but gives no date: no death event");
            default:
                return (null, null);
        }
    }
}
