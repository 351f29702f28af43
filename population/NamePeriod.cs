namespace Linkage.Population;

/// <summary>A name a person bears from a day on, with the id2 token it gives (name + birth date + sex).</summary>
internal sealed record NamePeriod(DateOnly From, string Surname, string GivenName, string Id2);
