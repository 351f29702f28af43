namespace Linkage.Bench;

/// <summary>What <see cref="MillionPeopleBenchmark"/> measured.</summary>
public sealed record MillionPeopleResult(long People, long Lines, double LinesPerSecond, double BytesPerActivePerson, double BytesPerIdlePerson, double StoredBytesPerPerson)
{
    public override string ToString() =>
        $"{People:N0} people ({Lines:N0} lines) at {LinesPerSecond:N0} lines/s; {BytesPerActivePerson / 1024:N1} KiB per active person, " +
        $"{BytesPerIdlePerson:N0} B per idle person in the silo (+ {StoredBytesPerPerson / 1024:N1} KiB of snapshots and journals in storage)";
}
