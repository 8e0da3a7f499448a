namespace Complaints.Models.Statistics;

/// <summary>
/// The one-sided Poisson CUSUM on weekly counts against their expected counts: each week adds the log-likelihood
/// ratio of "the rate rose by <see cref="ShiftToDetect"/>" over "it is as expected", the sum never falls below zero,
/// and a sum above <see cref="Threshold"/> is a signal. It is the quickest of the standard charts to see a small,
/// lasting shift, because it accumulates small excesses that a week-by-week test would each call noise.
/// </summary>
public sealed record PoissonCusum(double ShiftToDetect, double Threshold)
{
    /// <summary>The statistic after each week, in order.</summary>
    public double[] Run(IReadOnlyList<long> observed, IReadOnlyList<double> expected)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(observed.Count, expected.Count);
        var logShift = Math.Log(ShiftToDetect);
        var sums = new double[observed.Count];
        double sum = 0;
        for (var i = 0; i < observed.Count; i++)
        {
            sum = Math.Max(0, sum + observed[i] * logShift - expected[i] * (ShiftToDetect - 1));
            sums[i] = sum;
        }
        return sums;
    }

    /// <summary>The last week's statistic, and whether it signals.</summary>
    public (double Statistic, bool Signals) Last(IReadOnlyList<long> observed, IReadOnlyList<double> expected)
    {
        var sums = Run(observed, expected);
        var last = sums.Length == 0 ? 0 : sums[^1];
        return (last, last > Threshold);
    }
}
