namespace Linkage.Population;

/// <summary>An insurance enrolment from a day on (until the next one), with the id1 token it gives.</summary>
/// <param name="Branch">枝番, two digits: <c>00</c> for the insured, <c>01</c>.. for dependents.</param>
internal sealed record Enrollment(DateOnly From, Insurer Insurer, string Symbol, string Number, string Branch, string Id1);
