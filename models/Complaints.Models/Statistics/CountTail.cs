namespace Complaints.Models.Statistics;

/// <summary>
/// Upper tails of the count distributions a quality engineer tests weekly complaint counts with: Poisson, and the
/// negative binomial for series more scattered than Poisson (overdispersed). Terms are summed in log space from
/// the observed count outwards, so tiny p-values keep their size instead of rounding to zero.
/// </summary>
public static class CountTail
{
    private const int MaxTerms = 100_000;

    /// <summary>P(X ≥ observed) for X ~ Poisson(mean).</summary>
    public static double Poisson(long observed, double mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        if (observed <= 0) return 1;
        if (mean == 0) return 0;
        double LogPmf(long k) => k * Math.Log(mean) - mean - LogFactorial(k);
        return Tail(observed, mean, LogPmf, k => mean / (k + 1));
    }

    /// <summary>
    /// P(X ≥ observed) for a negative binomial with the given mean and dispersion φ = variance / mean (φ ≤ 1 is Poisson).
    /// </summary>
    public static double NegativeBinomial(long observed, double mean, double dispersion)
    {
        if (dispersion <= 1.000001) return Poisson(observed, mean);
        if (observed <= 0) return 1;
        if (mean == 0) return 0;
        var size = mean / (dispersion - 1); // variance = mean + mean² / size
        var p = size / (size + mean);
        double LogPmf(long k) => LogGamma(k + size) - LogGamma(size) - LogFactorial(k) + size * Math.Log(p) + k * Math.Log(1 - p);
        return Tail(observed, mean, LogPmf, k => (k + size) / (k + 1) * (1 - p));
    }

    /// <summary>Sums pmf(k) for k ≥ observed: upwards when observed is above the mean (fast convergence), else one minus the sum below.</summary>
    private static double Tail(long observed, double mean, Func<long, double> logPmf, Func<long, double> nextRatio)
    {
        if (observed > mean)
        {
            double sum = 0, term = Math.Exp(logPmf(observed));
            for (var k = observed; k < observed + MaxTerms && term > sum * 1e-16; k++)
            {
                sum += term;
                term *= nextRatio(k);
            }
            return Math.Min(1, sum);
        }
        double below = 0;
        for (long k = 0; k < observed; k++)
            below += Math.Exp(logPmf(k));
        return Math.Clamp(1 - below, 0, 1);
    }

    public static double LogFactorial(long k) => LogGamma(k + 1);

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, nine coefficients; about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++)
            a += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
}
