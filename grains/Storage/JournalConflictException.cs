namespace Linkage.Storage;

/// <summary>
/// A journal write found the journal grown by a record this writer never saw (a dead silo's late write): the writer
/// must write a new base, not a delta.
/// </summary>
public sealed class JournalConflictException(string journal, Exception? inner = null)
    : Exception($"journal {journal} was written by someone else meanwhile", inner)
{
    public string Journal { get; } = journal;
}
