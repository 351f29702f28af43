namespace Linkage.Population;

/// <summary>One insurer: its scheme, prefecture and insurer number (保険者番号, 6 or 8 digits with a check digit).</summary>
internal sealed record Insurer(InsuranceScheme Scheme, string Pref, string Number);
