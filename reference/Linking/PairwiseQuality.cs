namespace Linkage.Linking;

/// <summary>
/// How well a grouping of records matches the truth, counted over pairs of records: a pair is predicted when both
/// records are in one predicted person, true when both are about one real person.
/// </summary>
public sealed record PairwiseQuality(long TruePairs, long PredictedPairs, long CorrectPairs, int TrueGroups, int PredictedGroups)
{
    /// <summary>Share of predicted pairs that are true (1 when nothing is predicted).</summary>
    public double Precision => PredictedPairs == 0 ? 1 : (double)CorrectPairs / PredictedPairs;

    /// <summary>Share of true pairs that are predicted (1 when there are none).</summary>
    public double Recall => TruePairs == 0 ? 1 : (double)CorrectPairs / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>
    /// Compares two labellings of the same records (<paramref name="truth"/>[i] and <paramref name="predicted"/>[i]
    /// label record i) through contingency counts: linear in the records, never quadratic.
    /// </summary>
    public static PairwiseQuality Of<TTruth, TPredicted>(IReadOnlyList<TTruth> truth, IReadOnlyList<TPredicted> predicted)
        where TTruth : notnull
        where TPredicted : notnull
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count) throw new ArgumentException("both labellings must cover the same records", nameof(predicted));

        var cells = new Dictionary<(TTruth, TPredicted), long>();
        var truthSizes = new Dictionary<TTruth, long>();
        var predictedSizes = new Dictionary<TPredicted, long>();
        for (var i = 0; i < truth.Count; i++)
        {
            cells[(truth[i], predicted[i])] = cells.GetValueOrDefault((truth[i], predicted[i])) + 1;
            truthSizes[truth[i]] = truthSizes.GetValueOrDefault(truth[i]) + 1;
            predictedSizes[predicted[i]] = predictedSizes.GetValueOrDefault(predicted[i]) + 1;
        }

        return new PairwiseQuality(
            PairsIn(truthSizes.Values), PairsIn(predictedSizes.Values), PairsIn(cells.Values), truthSizes.Count, predictedSizes.Count);
    }

    private static long PairsIn(IEnumerable<long> sizes) => sizes.Sum(n => n * (n - 1) / 2);
}
