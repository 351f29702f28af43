namespace Linkage.Linking;

/// <summary>
/// One routing key of the identity layer: a linkage token, or a record's own key
/// (<see cref="RoutingKeys.ForRecord"/>). It remembers the component its records were routed to.
/// </summary>
[Alias("linkage.ILinkageKeyGrain")]
public interface ILinkageKeyGrain : IGrainWithStringKey
{
    /// <summary>The key's component; when it has none yet, <paramref name="candidate"/> becomes it.</summary>
    [Alias("GetOrAssign")]
    Task<string> GetOrAssignComponent(string candidate);

    /// <summary>The key's component, or null when no record with this key was ever routed.</summary>
    [Alias("Get")]
    Task<string?> GetComponent();

    /// <summary>Points the key straight at <paramref name="root"/>, a component its old one was merged into.</summary>
    [Alias("Compress")]
    Task PointTo(string root);
}
