using Linkage.Feeds;

namespace Linkage.Cohorts.Index;

/// <summary>
/// Which fields of a <see cref="CohortCriterion"/> each kind reads, and on which event field: the contract's table.
/// </summary>
/// <remarks>
/// A field outside its kind's row names something the kind's events lack, so (a field the event lacks does not
/// hold) the criterion matches nothing; the cohort-v1 parser refuses such criteria before they get here.
/// </remarks>
internal static class CriterionFields
{
    /// <summary>The criterion's code for a kind with one code per event: lab, medication, surgery, death <c>code</c>; vital <c>type</c>; maternal <c>entry</c>.</summary>
    public static string? CodeOf(CohortCriterion criterion) => criterion.Kind switch
    {
        EventKind.Vital => criterion.Type,
        EventKind.Maternal => criterion.MaternalEntry,
        _ => criterion.Code,
    };

    /// <summary>Codes match by prefix except vital types and maternal entries, which match exactly.</summary>
    public static bool MatchesByPrefix(EventKind kind) => kind is not (EventKind.Vital or EventKind.Maternal);

    /// <summary>lab and vital <c>value</c>, maternal <c>birthWeight</c>.</summary>
    public static bool HasValue(EventKind kind) => kind is EventKind.Lab or EventKind.Vital or EventKind.Maternal;

    /// <summary>surgery <c>complication</c>.</summary>
    public static bool HasFlag(EventKind kind) => kind is EventKind.Surgery;

    /// <summary>Whether the criterion gives a field its kind's events do not have.</summary>
    public static bool GivesForeignField(CohortCriterion c)
    {
        if (c.Kind == EventKind.Receipt)
        {
            return c.Min is not null || c.Max is not null || c.Complication is not null || c.Type is not null || c.MaternalEntry is not null;
        }

        var codeFields = (c.Code is null ? 0 : 1) + (c.Type is null ? 0 : 1) + (c.MaternalEntry is null ? 0 : 1);
        return c.Procedure is not null || c.Drug is not null
            || codeFields > (CodeOf(c) is null ? 0 : 1)
            || (!HasValue(c.Kind) && (c.Min is not null || c.Max is not null))
            || (!HasFlag(c.Kind) && c.Complication is not null);
    }
}
