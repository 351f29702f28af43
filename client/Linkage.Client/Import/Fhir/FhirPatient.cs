using Linkage.Feeds;

namespace Linkage.Client.Import.Fhir;

/// <summary>A FHIR Patient as events-v1 sees it: its tokenized subject and, when it died, the death event.</summary>
internal sealed record FhirPatient(Subject Subject, FeedEvent? Death, string? DeathProblem);
