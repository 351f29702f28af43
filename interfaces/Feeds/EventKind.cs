namespace Linkage.Feeds;

/// <summary>The kind of a feed event (events-v1 <c>kind</c>).</summary>
public enum EventKind
{
    Receipt,
    Lab,
    Medication,
    Surgery,
    Vital,
    Maternal,
    Death,
}
