using Linkage.Tokens;

namespace Linkage.Population;

/// <summary>What <see cref="PopulationGenerator"/> generates: how many people, from which seed, with which defects.</summary>
public sealed record PopulationOptions
{
    /// <summary>Number of people, children born in the window included.</summary>
    public required int People { get; init; }

    /// <summary>The same (people, seed) always gives the same population.</summary>
    public required int Seed { get; init; }

    /// <summary>The keyed-hash secret the tokens are made with.</summary>
    public string Secret { get; init; } = LinkageTokenizer.DevelopmentSecret;

    /// <summary>Share of valid lines that come with an extra malformed line.</summary>
    public double MalformedRate { get; init; } = 0.002;

    /// <summary>Share of people who have a lifelong medical ID (the rollout is incomplete).</summary>
    public double MidShare { get; init; } = 0.6;

    /// <summary>
    /// Share of people made the namesake of an earlier person (same kana name, birth date and sex): the sample
    /// stands for a region of a nation, where everyone has namesakes the sample does not hold, so collisions are
    /// made to grow with the number of people instead of with its square.
    /// </summary>
    public double NamesakeRate { get; init; } = 0.003;

    /// <summary>Share of records corrected by a higher version.</summary>
    public double CorrectionRate { get; init; } = 0.01;

    /// <summary>Share of receipts withdrawn by a retraction (other kinds: a fifth of it).</summary>
    public double RetractionRate { get; init; } = 0.005;

    /// <summary>Share of lines sent twice.</summary>
    public double DuplicateRate { get; init; } = 0.005;

    /// <summary>Multiplies how often people see a doctor, have tests, take drugs and measure vitals.</summary>
    public double ActivityScale { get; init; } = 1.0;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(People);
        ArgumentException.ThrowIfNullOrEmpty(Secret);
        foreach (var (name, rate) in new[]
                 {
                     (nameof(MalformedRate), MalformedRate), (nameof(MidShare), MidShare), (nameof(NamesakeRate), NamesakeRate),
                     (nameof(CorrectionRate), CorrectionRate), (nameof(RetractionRate), RetractionRate), (nameof(DuplicateRate), DuplicateRate),
                 })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate)) throw new ArgumentOutOfRangeException(name, rate, "must be between 0 and 1");
        }

        if (ActivityScale is < 0 or > 10 || double.IsNaN(ActivityScale))
        {
            throw new ArgumentOutOfRangeException(nameof(ActivityScale), ActivityScale, "must be between 0 and 10");
        }
    }
}
