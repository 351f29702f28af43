namespace Linkage.Linking;

/// <summary>Where a partition keeps one person, so that a person who gains a record is replaced in one place.</summary>
internal sealed class PersonSlot(LinkedPerson person)
{
    public LinkedPerson Person { get; set; } = person;
}
