namespace Linkage.Silo.Hosting;

/// <summary>The keyed-hash secret shared with operators for tokens.</summary>
public sealed class LinkageTokenOptions
{
    public const string SectionName = "Linkage:Tokens";

    /// <summary>The secret; the contract's development secret is refused in Production.</summary>
    public string Secret { get; set; } = string.Empty;
}
