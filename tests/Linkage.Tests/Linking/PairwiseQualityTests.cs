using Linkage.Linking;

namespace Linkage.Tests.Linking;

/// <summary>Pairwise precision and recall from contingency counts.</summary>
public sealed class PairwiseQualityTests
{
    [Fact]
    public void Pairs_are_counted_within_groups_and_within_their_overlaps()
    {
        // Truth {0,1,2} {3,4}; predicted {0,1} {2,3,4}: true pairs 3+1, predicted 1+3, correct (0,1) and (3,4).
        var quality = PairwiseQuality.Of(["a", "a", "a", "b", "b"], ["x", "x", "y", "y", "y"]);

        Assert.Equal(new PairwiseQuality(TruePairs: 4, PredictedPairs: 4, CorrectPairs: 2, TrueGroups: 2, PredictedGroups: 2), quality);
        Assert.Equal(0.5, quality.Precision);
        Assert.Equal(0.5, quality.Recall);
    }

    [Fact]
    public void Counts_match_a_pair_by_pair_count_on_random_labels()
    {
        var random = new Random(5);
        var truth = Enumerable.Range(0, 300).Select(_ => random.Next(40)).ToArray();
        var predicted = Enumerable.Range(0, 300).Select(_ => random.Next(25)).ToArray();
        long truePairs = 0, predictedPairs = 0, correct = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            for (var j = i + 1; j < truth.Length; j++)
            {
                if (truth[i] == truth[j]) truePairs++;
                if (predicted[i] == predicted[j]) predictedPairs++;
                if (truth[i] == truth[j] && predicted[i] == predicted[j]) correct++;
            }
        }

        var quality = PairwiseQuality.Of(truth, predicted);

        Assert.Equal((truePairs, predictedPairs, correct), (quality.TruePairs, quality.PredictedPairs, quality.CorrectPairs));
    }

    [Fact]
    public void Labellings_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PairwiseQuality.Of([1, 2], [1]));
    }
}
