using System.Globalization;

namespace Linkage.Client.Import.Fhir;

/// <summary>
/// Code systems an operator adds to <see cref="JpCodeSystems"/>: <c>ROLE=URI</c>, from <c>--code-system</c> or one per
/// line of a settings file (blank lines and lines starting with <c>#</c> are left out). A bad line is refused naming
/// its line and the roles there are.
/// </summary>
public static class CodeSystemSettings
{
    /// <summary>One <c>ROLE=URI</c>, e.g. <c>jlac10=http://hospital.example/CodeSystem/lab</c>.</summary>
    /// <exception cref="FormatException">Not <c>ROLE=URI</c>, or the role is not one of <see cref="JpCodeSystems.RoleNames"/>.</exception>
    public static (CodeSystemRole Role, string Uri) Parse(string text, string where = "--code-system")
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('=', StringComparison.Ordinal);
        var name = at < 0 ? string.Empty : text[..at].Trim().ToLowerInvariant();
        var uri = at < 0 ? string.Empty : text[(at + 1)..].Trim();
        if (at < 0 || uri.Length == 0)
        {
            throw new FormatException($"{where}: '{text}' is not ROLE=URI (e.g. jlac10=http://hospital.example/CodeSystem/lab)");
        }

        if (!JpCodeSystems.RoleNames.TryGetValue(name, out var role))
        {
            throw new FormatException($"{where}: '{name}' is not a code system role ({string.Join(", ", JpCodeSystems.RoleNames.Keys)})");
        }

        return (role, uri);
    }

    /// <summary>The systems of a settings file, one <c>ROLE=URI</c> per line.</summary>
    /// <exception cref="FormatException">A line is not <c>ROLE=URI</c>; the message names the file and line.</exception>
    public static IReadOnlyList<(CodeSystemRole Role, string Uri)> Read(string path)
    {
        var systems = new List<(CodeSystemRole, string)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            systems.Add(Parse(text, $"{path} line {number.ToString(CultureInfo.InvariantCulture)}"));
        }

        return systems;
    }
}
