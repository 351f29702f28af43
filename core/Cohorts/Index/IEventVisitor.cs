namespace Linkage.Cohorts.Index;

/// <summary>Receives the (person slot, day) of each event that matches a criterion; a struct, so that the loop inlines it.</summary>
internal interface IEventVisitor
{
    void Visit(int slot, int day);
}
