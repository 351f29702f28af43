using System.Text.RegularExpressions;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// The routes of docs/contracts/api-v1.md, read from its table when a test runs: each method and path with the roles
/// a key needs (none for an open one). A cell may name several routes (<c>`PUT`, `GET`, `DELETE /x/{name}`</c>: a
/// bare method takes the next path) and optional segments (<c>/x[/{name}]</c>: with and without).
/// </summary>
public sealed partial class ApiContract
{
    /// <summary>A route of the contract: its method (null for a page, any method), path, roles and the words after "none" (<c>loopback or an operations network</c>).</summary>
    public sealed record Route(string? Method, string Path, IReadOnlySet<string> Roles, string? Note)
    {
        public bool IsOpen => Roles.Count == 0;

        public override string ToString() => $"{Method ?? "(page)"} {Path} ({(IsOpen ? "open" : string.Join(", ", Roles.Order()))})";
    }

    /// <summary>
    /// Routes the host serves that api-v1's table does not list yet, with the roles README gives them: they are held to
    /// these roles like the contract's, and belong in the contract (reported, not hidden).
    /// </summary>
    public static readonly IReadOnlyList<Route> BeyondContract =
    [
        new("GET", "/api/v1/feeds/{source}", new HashSet<string> { "operator" }, "README: a feed stream's ledger"),
        new("GET", "/api/v1/people/{id}", new HashSet<string> { "admin" }, "README: a person by id (redirects for retired ids)"),
    ];

    public IReadOnlyList<Route> Routes { get; }

    private ApiContract(IReadOnlyList<Route> routes) => Routes = routes;

    public static string FilePath => Path.Combine(LocalMachine.RepositoryRoot(), "docs", "contracts", "api-v1.md");

    public static ApiContract Load() => Parse(File.ReadAllText(FilePath));

    public static ApiContract Parse(string markdown)
    {
        var rows = markdown.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|')).Select(Cells).ToList();
        var header = rows.FindIndex(r => r.Contains("method and path") && r.Contains("role"));
        if (header < 0) throw new FormatException("api-v1.md: no table with the columns 'method and path' and 'role'");
        var (pathColumn, roleColumn) = (rows[header].IndexOf("method and path"), rows[header].IndexOf("role"));

        var routes = new List<Route>();
        foreach (var row in rows.Skip(header + 1).Where(r => !r.All(c => c.Trim('-', ':').Length == 0)))
        {
            var (roles, note) = RolesOf(row[roleColumn]);
            var pendingMethods = new List<string>();
            foreach (var item in Code().Matches(row[pathColumn]).Select(m => m.Groups[1].Value.Trim()))
            {
                var parts = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts is [var bare] && Method().IsMatch(bare))
                {
                    pendingMethods.Add(bare);
                    continue;
                }

                var (method, path) = parts switch
                {
                    [var m, var p] when Method().IsMatch(m) => ((string?)m, p),
                    [var p] when p.StartsWith('/') => (null, p),
                    _ => throw new FormatException($"api-v1.md: '{item}' is neither a method, a path nor a method and a path"),
                };
                foreach (var expanded in Expand(path))
                {
                    foreach (var m in pendingMethods.Append(method).Distinct()) routes.Add(new Route(m, expanded, roles, note));
                }

                pendingMethods.Clear();
            }

            if (pendingMethods.Count > 0) throw new FormatException($"api-v1.md: methods {string.Join(", ", pendingMethods)} without a path in '{row[pathColumn]}'");
        }

        return new ApiContract(routes);
    }

    /// <summary>
    /// The contract's route (or one beyond it) for a method (<c>*</c>: any) and a route pattern of the host: the same
    /// path with parameters compared by position, not name, or else a concrete path of the contract the pattern matches
    /// (<c>/openapi/v1.json</c> for <c>/openapi/{documentName}.json</c>).
    /// </summary>
    public Route? Find(string method, string pattern)
    {
        var candidates = Routes.Concat(BeyondContract).Where(r => method == "*" || r.Method == method).ToList();
        var matcher = new Regex("^" + string.Concat(Parameter().Split(pattern).Select(Regex.Escape)
            .Zip(Parameter().Matches(pattern).Select(m => m.Value.StartsWith("{*", StringComparison.Ordinal) ? ".+" : "[^/]+").Append(string.Empty), (literal, parameter) => literal + parameter)) + "$");
        return candidates.FirstOrDefault(r => Shape(r.Path) == Shape(pattern))
            ?? candidates.FirstOrDefault(r => !r.Path.Contains('{') && matcher.IsMatch(r.Path));
    }

    /// <summary>A path with every parameter (<c>{token}</c>, <c>{**id}</c>) as <c>{}</c>.</summary>
    public static string Shape(string path) => Parameter().Replace(path, "{}");

    /// <summary>A table row's cells; <c>\|</c> inside a cell is not a border.</summary>
    private static List<string> Cells(string line) => [.. Border().Split(line.Trim('|')).Select(c => c.Trim())];

    /// <summary>"researcher, authority" or "none (what it is open to)".</summary>
    private static (IReadOnlySet<string> Roles, string? Note) RolesOf(string cell)
    {
        var note = NoteOf().Match(cell);
        var names = (note.Success ? cell[..note.Index] : cell).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var roles = names.Where(n => n != "none").ToHashSet();
        if (roles.Count > 0 && roles.Count != names.Length) throw new FormatException($"api-v1.md: role cell '{cell}' mixes none with roles");
        return (roles, note.Success ? note.Groups[1].Value : null);
    }

    /// <summary><c>/a[/{b}]</c> as <c>/a</c> and <c>/a/{b}</c>.</summary>
    private static IEnumerable<string> Expand(string path)
    {
        var optional = Optional().Match(path);
        if (!optional.Success) return [path];
        var before = path[..optional.Index];
        var after = path[(optional.Index + optional.Length)..];
        return Expand(before + after).Concat(Expand(before + optional.Groups[1].Value + after));
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex Border();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex("^(GET|POST|PUT|PATCH|DELETE|HEAD)$")]
    private static partial Regex Method();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex Optional();

    [GeneratedRegex(@"\((.*)\)\s*$")]
    private static partial Regex NoteOf();
}
