namespace Linkage.Cohorts.Index;

/// <summary>
/// Receives each event that matches a criterion: its person's slot, its day (<see cref="DateOnly.DayNumber"/>) and its
/// row in its kind's columns (for receipts, the receipt). A struct, so that the loop inlines it.
/// </summary>
public interface IEventVisitor
{
    void Visit(int slot, int day, int row);
}
