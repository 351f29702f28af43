using System.Collections.Immutable;
using Linkage.Disclosure;

namespace Linkage.Cohorts;

/// <summary>
/// Turns a counted cohort into the answer a research client may see: cohort-v1's life tables and its disclosure
/// control (small cells, complementary suppression and, when the deployment turns it on, perturbation).
/// </summary>
/// <remarks>
/// The relations a reader can use are those of cohort-v1's "Disclosure control". The people of the cohort fall into
/// blocks, one per group of the <c>groupBy</c> keys other than <c>outcome</c> when survival is asked (one per group
/// otherwise); a block with published table rows publishes its size (the first <c>atRisk</c>), and the total ties
/// all blocks together. So the answer is safe when:
/// <list type="number">
/// <item>every published count is 0 or at least minCell (<see cref="CellRule.Publishable"/>);</item>
/// <item>within a table, the people still followed after the last row, and with <c>outcome</c> grouped the events
/// and censored after it (the <c>yes</c> and <c>no</c> groups minus the table's sums), are 0 or at least minCell
/// (rows are dropped from the end until they are);</item>
/// <item>within a block with table rows, <c>yes</c> and <c>no</c> are both published or both suppressed (one is the
/// first <c>atRisk</c> minus the other);</item>
/// <item>the total minus everything else published (the suppressed groups of blocks without table rows) is 0 or at
/// least minCell: if not, the smallest published group of such a block is suppressed too, or the total when there
/// is none.</item>
/// </list>
/// Every choice is by count, then key, so the same definition over the same records gets the same answer.
/// <c>DisclosureAuditor</c> checks the result independently, by linear algebra over the published numbers.
/// </remarks>
public static class CohortAnswers
{
    /// <summary>
    /// The answer to <paramref name="definition"/> from its exact <paramref name="tally"/>. minCell is the definition's
    /// but never below <paramref name="minCellFloor"/>, so no count from 1 to the floor - 1 is ever published or
    /// derivable, however the definition was made.
    /// </summary>
    /// <param name="perturbation">The deployment's cell-key perturbation; null for exact counts. When given, the
    /// tally must carry the people's key sums.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCellFloor"/> is below 1.</exception>
    public static CohortAnswer Publish(
        CohortDefinition definition, CohortTally tally, DateTimeOffset asOf, int minCellFloor, CellPerturbation? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCellFloor, 1);
        var rule = new CellRule(Math.Max(definition.MinCell, minCellFloor), perturbation);
        var counted = CohortTallies.Sum([tally]);
        var outcomeAt = definition.GroupBy.IndexOf(GroupKey.Outcome);
        var bySurvival = definition.Survival is not null;

        var blocks = new Dictionary<ImmutableArray<string>, Block>(GroupKeyOrder.Instance);
        var cells = new List<Cell>(counted.Groups.Length);
        ulong totalKey = 0;
        foreach (var group in counted.Groups)
        {
            var key = bySurvival && outcomeAt >= 0 ? group.Key.RemoveAt(outcomeAt) : group.Key;
            var cell = new Cell(group.Key, rule.Of(group.Count, group.KeySum), BlockOf(blocks, key));
            cell.Suppressed = !rule.Publishable(cell.Value);
            cell.Block.Cells.Add(cell);
            cells.Add(cell);
            totalKey = unchecked(totalKey + group.KeySum);
        }

        if (bySurvival)
        {
            foreach (var times in counted.Survival)
            {
                var block = BlockOf(blocks, times.Key);
                block.Times = times;
                block.Rows = LifeTables.Rows(times, rule);
                if (outcomeAt >= 0) SettleOutcome(block, outcomeAt, rule);
            }
        }

        var total = rule.Of(counted.Total, totalKey);
        // cohort-v1: the total is null below minCell, 0 included.
        var totalSuppressed = total.Exact < rule.MinCell || !rule.Publishable(total);
        var totalComplementary = !totalSuppressed && SuppressComplements(cells, rule);

        return new CohortAnswer
        {
            AsOf = asOf.ToUniversalTime(),
            MinCell = rule.MinCell,
            Total = totalSuppressed || totalComplementary ? null : total.Published,
            TotalComplementary = totalComplementary,
            GroupBy = definition.GroupBy,
            Groups = [.. cells.Where(c => c.Value.Exact > 0).Select(c => new CohortGroup
            {
                Key = c.Key, Count = c.Suppressed ? null : c.Value.Published, Complementary = c.Complementary,
            })],
            Suppressed = cells.Count(c => c.Value.Exact > 0 && c.Suppressed),
            Perturbed = rule.Perturbed,
            Survival = definition.Survival is { } survival
                ? [.. counted.Survival.Select(t => blocks[t.Key]).Where(b => rule.Publishable(FirstAtRisk(b, rule)))
                    .Select(b => LifeTables.Publish(b.Times!.Key, b.Rows, survival.Step))]
                : null,
        };
    }

    /// <summary>
    /// With <c>outcome</c> grouped, a table's sums and its block's <c>yes</c> and <c>no</c> tell more: the events and
    /// censored after the last row (when both groups are known), and one group from the other (when one is not).
    /// </summary>
    private static void SettleOutcome(Block block, int outcomeAt, CellRule rule)
    {
        var yes = block.Cells.Find(c => c.Key[outcomeAt] == GroupValues.Outcome(true));
        var no = block.Cells.Find(c => c.Key[outcomeAt] == GroupValues.Outcome(false));
        if (yes?.Suppressed != true && no?.Suppressed != true)
        {
            // A group that is not there has no one in it: the reader knows it is 0.
            var (yesCount, noCount) = (yes?.Value.Exact ?? 0, no?.Value.Exact ?? 0);
            while (block.Rows.Count > 0
                && (!rule.Harmless(yesCount - block.Rows.Sum(r => r.Events.Exact)) || !rule.Harmless(noCount - block.Rows.Sum(r => r.Censored.Exact))))
            {
                block.Rows.RemoveAt(block.Rows.Count - 1);
            }
        }

        if (block.Rows.Count == 0) return;
        foreach (var (cell, other) in (ReadOnlySpan<(Cell?, Cell?)>)[(yes, no), (no, yes)])
        {
            if (cell is { Suppressed: false } && other is { Suppressed: true }) cell.SuppressAsComplement();
        }
    }

    /// <summary>
    /// Suppresses groups (or the total) until the total minus what is published is 0 or at least minCell; true when
    /// the total itself had to go.
    /// </summary>
    private static bool SuppressComplements(List<Cell> cells, CellRule rule)
    {
        while (true)
        {
            // Blocks with table rows publish their size: only the others' suppressed groups stay unknown.
            var unknown = cells.Where(c => c.Suppressed && c.Block.Rows.Count == 0).Sum(c => c.Value.Exact);
            if (rule.Harmless(unknown)) return false;
            var smallest = cells.Where(c => !c.Suppressed && c.Value.Exact > 0 && c.Block.Rows.Count == 0)
                .OrderBy(c => c.Value.Exact).ThenBy(c => c.Key, GroupKeyOrder.Instance).FirstOrDefault();
            if (smallest is null) return true;
            smallest.SuppressAsComplement();
        }
    }

    private static PublishedCell FirstAtRisk(Block block, CellRule rule) =>
        block.Rows.Count > 0 ? block.Rows[0].AtRisk : rule.Of(block.Times!.Events.Sum() + block.Times.Censored.Sum(), FirstKeys(block.Times));

    private static ulong FirstKeys(SurvivalCounts times)
    {
        ulong sum = 0;
        foreach (var key in times.EventKeys) sum = unchecked(sum + key);
        foreach (var key in times.CensoredKeys) sum = unchecked(sum + key);
        return sum;
    }

    private static Block BlockOf(Dictionary<ImmutableArray<string>, Block> blocks, ImmutableArray<string> key)
    {
        if (!blocks.TryGetValue(key, out var block)) blocks[key] = block = new Block();
        return block;
    }

    /// <summary>The people of one group of the keys other than <c>outcome</c> (with survival), or of one group.</summary>
    private sealed class Block
    {
        public List<Cell> Cells { get; } = [];

        public SurvivalCounts? Times { get; set; }

        public List<LifeTables.Row> Rows { get; set; } = [];
    }

    private sealed class Cell(ImmutableArray<string> key, PublishedCell value, Block block)
    {
        public ImmutableArray<string> Key { get; } = key;

        public PublishedCell Value { get; } = value;

        public Block Block { get; } = block;

        public bool Suppressed { get; set; }

        public bool Complementary { get; private set; }

        public void SuppressAsComplement() => (Suppressed, Complementary) = (true, true);
    }
}
