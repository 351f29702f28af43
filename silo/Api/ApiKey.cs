namespace Linkage.Silo.Api;

/// <summary>A bearer key and the roles it carries.</summary>
public sealed class ApiKey
{
    public string Key { get; set; } = string.Empty;

    public string[] Roles { get; set; } = [];
}
