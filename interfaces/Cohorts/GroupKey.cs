namespace Linkage.Cohorts;

/// <summary>What a cohort-v1 answer can be grouped by (<c>groupBy</c>).</summary>
public enum GroupKey
{
    /// <summary><c>M</c>, <c>F</c>, <c>U</c>.</summary>
    Sex,

    /// <summary><c>0-9</c>, <c>10-19</c>, ... <c>80-89</c>, <c>90+</c>.</summary>
    Age10,

    /// <summary><c>01</c>..<c>47</c>, or <c>unknown</c>.</summary>
    Pref,

    /// <summary>The calendar year of the entry date.</summary>
    EntryYear,

    /// <summary><c>yes</c>, <c>no</c>.</summary>
    Outcome,

    /// <summary>The 10-digit facility of the receipt that set the entry date, or <c>unknown</c>.</summary>
    Facility,
}
