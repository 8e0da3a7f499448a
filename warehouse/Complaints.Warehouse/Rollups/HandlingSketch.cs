using System.Globalization;

namespace Complaints.Warehouse.Rollups;

/// <summary>
/// A mergeable sketch of handling times (in the manner of DDSketch): each resolved complaint's seconds from receipt to
/// resolution fall in a bin whose bounds grow by <see cref="Growth"/>, and a bin stands for one value within
/// <see cref="RelativeError"/> of every time in it. Bins of any days and products add up, so a quantile over any period
/// comes from the counts alone, within that error of the exact one.
/// </summary>
public static class HandlingSketch
{
    public const double Growth = 1.04;

    /// <summary>The most a quantile read from the sketch differs from the exact one, relative to it: (γ − 1) / (γ + 1), under 2%.</summary>
    public static readonly double RelativeError = (Growth - 1) / (Growth + 1);

    /// <summary>
    /// The bin of <c>seconds</c> as SQL: 0 for under a second; otherwise ±(⌈log_γ |s|⌉ + 1), signed so bins sort as their
    /// values do (a resolution dated before receipt is negative and stays so).
    /// </summary>
    public static string BinSql(string seconds) => string.Create(CultureInfo.InvariantCulture,
        $"CASE WHEN abs({seconds}) < 1 THEN 0 ELSE CAST(sign({seconds}) * (ceil(ln(abs({seconds})) / {Math.Log(Growth):R}) + 1) AS INTEGER) END");

    /// <summary>The value a bin stands for: the point of its range (γ^(j−1), γ^j] nearest, relatively, to every time in it.</summary>
    public static double ValueOf(int bin)
    {
        if (bin == 0)
            return 0;
        var j = Math.Abs(bin) - 1;
        return Math.Sign(bin) * 2 * Math.Pow(Growth, j) / (1 + Growth);
    }

    /// <summary>
    /// The <paramref name="quantile"/> of the counted times (bins in ascending order), interpolated between the two ranks
    /// around it as DuckDB's <c>quantile_cont</c> does; null when nothing is counted.
    /// </summary>
    public static double? Quantile(IReadOnlyList<(int Bin, long Count)> bins, double quantile)
    {
        var total = bins.Sum(b => b.Count);
        if (total == 0)
            return null;
        var position = (total - 1) * quantile;
        var lower = (long)Math.Floor(position);
        var fraction = position - lower;
        var low = ValueAtRank(bins, lower);
        return fraction == 0 ? low : low + fraction * (ValueAtRank(bins, lower + 1) - low);
    }

    private static double ValueAtRank(IReadOnlyList<(int Bin, long Count)> bins, long rank)
    {
        var seen = 0L;
        foreach (var (bin, count) in bins)
        {
            seen += count;
            if (rank < seen)
                return ValueOf(bin);
        }
        return ValueOf(bins[^1].Bin);
    }
}
