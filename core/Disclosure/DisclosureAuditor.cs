using System.Collections.Immutable;
using Fractions;

namespace Linkage.Disclosure;

/// <summary>
/// Lists every count of people from 1 to minCell - 1 that a reader can work out from the numbers an answer publishes
/// by adding and subtracting them: the check of disclosure control, independent of how an answer was made.
/// </summary>
/// <remarks>
/// <para>The answer is modelled as atoms (the finest sets of people it tells apart, with their true counts) and the
/// published numbers as sums of atoms. A set of atoms is derivable exactly when its indicator vector lies in the row
/// space of the published sums (over the rationals). Atoms that lie in the same published sums can only be
/// derived together, so they are merged first.</para>
/// <para>Complete, not sampled: in reduced row echelon form, an atom is derivable alone when its pivot row is its unit
/// vector. The rest of the row space, W, is spanned by the other pivot rows (zero on the derivable atoms), and a 0/1
/// vector of W has its pivot coordinates as coefficients, so it is a 0/1 combination of those rows; combinations of
/// rows that share no atom add up. Every derivable set is therefore some derivable atoms plus one 0/1 combination
/// per connected group of rows, and the answer is safe when each of those parts is 0 or at least minCell. Groups of
/// more than <see cref="MaxRowsTogether"/> rows are refused rather than guessed at.</para>
/// </remarks>
public static class DisclosureAuditor
{
    public const int MaxRowsTogether = 20;

    /// <param name="atoms">The atoms' names and true counts.</param>
    /// <param name="published">The numbers the answer publishes (not null), as sums of atoms.</param>
    /// <exception cref="InvalidOperationException">A group of rows too large to enumerate.</exception>
    public static IReadOnlyList<DerivedCount> SmallCounts(
        IReadOnlyList<(string Name, long Count)> atoms, IReadOnlyList<PublishedSum> published, int minCell)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        ArgumentNullException.ThrowIfNull(published);
        var classes = MergedAtoms(atoms.Count, published);
        var rows = Reduced(classes, published);
        var found = new List<DerivedCount>();

        var pivots = rows.Select(r => Array.FindIndex(r, c => !c.IsZero)).ToArray();
        var alone = new HashSet<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count(c => !c.IsZero) == 1) alone.Add(pivots[i]);
        }

        foreach (var column in alone) Report(found, [column], classes, atoms, minCell);

        var rest = Enumerable.Range(0, rows.Count).Where(i => !alone.Contains(pivots[i])).ToList();
        foreach (var together in Connected(rest, rows))
        {
            if (together.Count > MaxRowsTogether)
            {
                throw new InvalidOperationException($"{together.Count} published relations share atoms: more than the {MaxRowsTogether} the auditor enumerates");
            }

            for (var mask = 1L; mask < 1L << together.Count; mask++)
            {
                var sum = new Fraction[classes.Count];
                Array.Fill(sum, Fraction.Zero);
                for (var b = 0; b < together.Count; b++)
                {
                    if ((mask & (1L << b)) == 0) continue;
                    var row = rows[together[b]];
                    for (var c = 0; c < sum.Length; c++) sum[c] += row[c];
                }

                if (sum.All(c => c.IsZero || (c - Fraction.One).IsZero))
                {
                    Report(found, [.. Enumerable.Range(0, sum.Length).Where(c => !sum[c].IsZero)], classes, atoms, minCell);
                }
            }
        }

        return found;
    }

    private static void Report(
        List<DerivedCount> found, IReadOnlyList<int> columns, List<List<int>> classes, IReadOnlyList<(string Name, long Count)> atoms, int minCell)
    {
        var members = columns.SelectMany(c => classes[c]).Order().ToList();
        var count = members.Sum(a => atoms[a].Count);
        if (count >= 1 && count < minCell) found.Add(new DerivedCount(string.Join(" + ", members.Select(a => atoms[a].Name)), count));
    }

    /// <summary>The atoms grouped by the published sums they lie in; atoms in none are left out (nothing tells of them).</summary>
    private static List<List<int>> MergedAtoms(int atoms, IReadOnlyList<PublishedSum> published)
    {
        var sums = new List<int>[atoms];
        for (var a = 0; a < atoms; a++) sums[a] = [];
        for (var s = 0; s < published.Count; s++)
        {
            foreach (var a in published[s].Atoms.Distinct()) sums[a].Add(s);
        }

        return [.. Enumerable.Range(0, atoms).Where(a => sums[a].Count > 0)
            .GroupBy(a => string.Join(',', sums[a]))
            .Select(g => g.ToList())];
    }

    /// <summary>The published sums over the merged atoms, in reduced row echelon form, zero rows dropped.</summary>
    private static List<Fraction[]> Reduced(List<List<int>> classes, IReadOnlyList<PublishedSum> published)
    {
        var classOf = new Dictionary<int, int>();
        for (var c = 0; c < classes.Count; c++)
        {
            foreach (var a in classes[c]) classOf[a] = c;
        }

        var rows = published.Select(p =>
        {
            var row = new Fraction[classes.Count];
            Array.Fill(row, Fraction.Zero);
            foreach (var c in p.Atoms.Distinct().Select(a => classOf[a]).Distinct()) row[c] = Fraction.One;
            return row;
        }).ToList();

        var rank = 0;
        for (var column = 0; column < classes.Count && rank < rows.Count; column++)
        {
            var pivot = rows.FindIndex(rank, r => !r[column].IsZero);
            if (pivot < 0) continue;
            (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
            var lead = rows[rank][column];
            for (var c = 0; c < classes.Count; c++) rows[rank][c] = (rows[rank][c] / lead).Reduce();
            for (var r = 0; r < rows.Count; r++)
            {
                if (r == rank || rows[r][column].IsZero) continue;
                var factor = rows[r][column];
                for (var c = 0; c < classes.Count; c++) rows[r][c] = (rows[r][c] - factor * rows[rank][c]).Reduce();
            }

            rank++;
        }

        return rows.Take(rank).ToList();
    }

    /// <summary>The rows in groups that share atoms, directly or through each other.</summary>
    private static IEnumerable<List<int>> Connected(List<int> rows, List<Fraction[]> reduced)
    {
        var left = new HashSet<int>(rows);
        while (left.Count > 0)
        {
            var group = new List<int> { left.First() };
            left.Remove(group[0]);
            for (var i = 0; i < group.Count; i++)
            {
                var row = reduced[group[i]];
                foreach (var other in left.Where(o => Enumerable.Range(0, row.Length).Any(c => !row[c].IsZero && !reduced[o][c].IsZero)).ToList())
                {
                    group.Add(other);
                    left.Remove(other);
                }
            }

            yield return group;
        }
    }
}
