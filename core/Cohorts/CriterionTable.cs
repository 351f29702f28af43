using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>
/// cohort-v1's criterion table, written once: which fields a criterion of each kind may give, which of them names the
/// event's code and whether it matches by prefix, and which bound a value or a flag. The definition parser, the
/// cohort index, the OpenAPI document and every analysis that takes cohort-v1 criteria read it from here.
/// </summary>
public static class CriterionTable
{
    private static readonly KindCriteria[] Rows =
    [
        new(EventKind.Receipt, ["code", "procedure", "drug"], CodeField: "code", ByPrefix: true, BoundsValue: false, HasFlag: false),
        new(EventKind.Lab, ["code", "min", "max"], CodeField: "code", ByPrefix: true, BoundsValue: true, HasFlag: false),
        new(EventKind.Medication, ["code"], CodeField: "code", ByPrefix: true, BoundsValue: false, HasFlag: false),
        new(EventKind.Surgery, ["code", "complication"], CodeField: "code", ByPrefix: true, BoundsValue: false, HasFlag: true),
        new(EventKind.Vital, ["type", "min", "max"], CodeField: "type", ByPrefix: false, BoundsValue: true, HasFlag: false),
        new(EventKind.Maternal, ["entry", "min", "max"], CodeField: "entry", ByPrefix: false, BoundsValue: true, HasFlag: false),
        new(EventKind.Death, ["code"], CodeField: "code", ByPrefix: true, BoundsValue: false, HasFlag: false),
    ];

    /// <summary>The row of <paramref name="kind"/>.</summary>
    public static KindCriteria Of(EventKind kind) => Rows[(int)kind];

    /// <summary>The criterion's code for its kind's code field (lab <c>code</c>, vital <c>type</c>, maternal <c>entry</c>...).</summary>
    public static string? CodeOf(CohortCriterion criterion) => Of(criterion.Kind).CodeField switch
    {
        "type" => criterion.Type,
        "entry" => criterion.MaternalEntry,
        _ => criterion.Code,
    };

    /// <summary>
    /// Whether the criterion gives a field its kind's row does not list. Such a criterion names something the kind's
    /// events lack, so it matches nothing; the definition parser refuses it before it gets that far.
    /// </summary>
    public static bool GivesForeignField(CohortCriterion criterion)
    {
        var fields = Of(criterion.Kind).Fields;
        return Given(criterion).Any(field => !fields.Contains(field));
    }

    /// <summary>The criterion's fields that are given, by their contract names.</summary>
    private static IEnumerable<string> Given(CohortCriterion c)
    {
        if (c.Code is not null) yield return "code";
        if (c.Procedure is not null) yield return "procedure";
        if (c.Drug is not null) yield return "drug";
        if (c.Min is not null) yield return "min";
        if (c.Max is not null) yield return "max";
        if (c.Complication is not null) yield return "complication";
        if (c.Type is not null) yield return "type";
        if (c.MaternalEntry is not null) yield return "entry";
    }
}
