namespace Complaints.Models.Statistics;

/// <summary>
/// The reporting odds ratio of disproportionality analysis, with its 95 % interval: how much more often a category
/// is complained about within one product than within all others. The signal rule is the regulators' (EMA):
/// at least <see cref="MinimumCases"/> cases and a lower bound of at least 1.
/// </summary>
public sealed record OddsRatio(long Cases, double Value, double Lower, double Upper)
{
    public const long MinimumCases = 5;

    public bool Signals => Cases >= MinimumCases && Lower >= 1;

    /// <param name="cases">This product, this category.</param>
    /// <param name="productOther">This product, other categories.</param>
    /// <param name="othersCategory">Other products, this category.</param>
    /// <param name="othersOther">Other products, other categories.</param>
    public static OddsRatio Of(long cases, long productOther, long othersCategory, long othersOther)
    {
        // Haldane's correction: half a case in every cell when one is empty, so the ratio and interval stay finite.
        var corrected = cases == 0 || productOther == 0 || othersCategory == 0 || othersOther == 0;
        double a = cases, b = productOther, c = othersCategory, d = othersOther;
        if (corrected) { a += 0.5; b += 0.5; c += 0.5; d += 0.5; }
        var log = Math.Log(a * d / (b * c));
        var standardError = Math.Sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        return new OddsRatio(cases, Math.Exp(log), Math.Exp(log - 1.96 * standardError), Math.Exp(log + 1.96 * standardError));
    }
}
