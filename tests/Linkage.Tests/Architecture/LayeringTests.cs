using System.Reflection;
using System.Text.RegularExpressions;
using Linkage.Cohorts;
using NetArchTest.Rules;

namespace Linkage.Tests.Architecture;

/// <summary>
/// Folders name concepts and arrows between them go one way: no cycle between the namespaces (folders) of the grains
/// assembly, and the contracts' records and the cluster-free rules know nothing of grains or the host.
/// </summary>
/// <remarks>Type-level dependencies are read from the compiled assemblies by NetArchTest (docs/architecture.md).</remarks>
public sealed class LayeringTests
{
    private static readonly Assembly Grains = typeof(PeopleIndexGrain).Assembly;

    [Fact]
    public void The_folders_of_the_grains_assembly_depend_on_each_other_without_a_cycle()
    {
        var graph = FolderGraph(Grains);

        // Arrows the code is known to have, generic and nested types among them: the walk must see them.
        Assert.Contains("Linkage.Partitions", graph["Linkage.Cohorts"].Keys);
        Assert.Contains("Linkage.People", graph["Linkage.Ingest"].Keys);
        Assert.Contains("Linkage.Log", graph["Linkage.Recovery"].Keys);
        var cycle = FindCycle(graph.Keys, from => graph[from].Keys);

        Assert.True(cycle is null, cycle is null ? "" : "a cycle between folders of grains/: " + string.Join(" -> ", cycle) + "\n" + Describe(graph, cycle) + "\nall arrows:\n" + Arrows(graph));
    }

    [Fact]
    public void The_cycle_check_finds_a_cycle_when_there_is_one()
    {
        var graph = new Dictionary<string, string[]> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        Assert.Equal(["A", "B", "C", "A"], FindCycle(graph.Keys, n => graph[n]));
        Assert.Null(FindCycle(["A", "B"], n => n == "A" ? ["B"] : []));
    }

    [Theory]
    [InlineData("Linkage.Interfaces")]
    [InlineData("Linkage.Core")]
    [InlineData("Linkage.Population")]
    public void Contracts_and_rules_know_no_grains_no_host_and_no_Orleans_runtime(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);

        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r is "Linkage.Grains" or "Linkage.Silo" or "Linkage.Client"
            || r.StartsWith("Orleans.Runtime", StringComparison.Ordinal) || r.StartsWith("Orleans.Server", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    /// <summary>For each namespace of <paramref name="assembly"/>, the namespaces it uses and the types that use them.</summary>
    private static Dictionary<string, Dictionary<string, string[]>> FolderGraph(Assembly assembly)
    {
        var byNamespace = assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("Linkage.", StringComparison.Ordinal) && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .GroupBy(t => t.Namespace!)
            .ToDictionary(g => g.Key, g => g.Select(t => t.FullName!.Replace('+', '/')).Distinct().ToArray());
        var graph = new Dictionary<string, Dictionary<string, string[]>>();
        foreach (var from in byNamespace.Keys)
        {
            graph[from] = [];
            foreach (var (to, types) in byNamespace)
            {
                if (to == from) continue;
                var result = Types.InAssembly(assembly).That().ResideInNamespaceMatching($"^{Regex.Escape(from)}$")
                    .ShouldNot().HaveDependencyOnAny(types).GetResult();
                if (!result.IsSuccessful) graph[from][to] = [.. result.FailingTypes.Select(t => t.Name)];
            }
        }

        return graph;
    }

    /// <summary>A cycle as the nodes walked (first node repeated at the end), or null when there is none.</summary>
    internal static List<string>? FindCycle(IEnumerable<string> nodes, Func<string, IEnumerable<string>> next)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var to in next(node).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(to) == 1) return [.. path.Skip(path.IndexOf(to)), to];
                if (state.GetValueOrDefault(to) == 0 && Visit(to) is { } found) return found;
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in nodes.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        }

        return null;
    }

    private static string Arrows(Dictionary<string, Dictionary<string, string[]>> graph) =>
        string.Join("\n", graph.OrderBy(g => g.Key, StringComparer.Ordinal).SelectMany(g => g.Value.Keys.Order(StringComparer.Ordinal).Select(to => $"  {g.Key} -> {to}: {string.Join(", ", g.Value[to])}")));

    private static string Describe(Dictionary<string, Dictionary<string, string[]>> graph, List<string> cycle) =>
        string.Join("\n", cycle.Zip(cycle.Skip(1)).Select(e => $"  {e.First} -> {e.Second}: {string.Join(", ", graph[e.First][e.Second])}"));
}
