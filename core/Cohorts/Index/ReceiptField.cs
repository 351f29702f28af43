namespace Linkage.Cohorts.Index;

/// <summary>The code fields of a receipt that criteria match: <c>code</c>, <c>procedure</c>, <c>drug</c>.</summary>
internal enum ReceiptField
{
    Diagnosis,
    Procedure,
    Drug,
}
