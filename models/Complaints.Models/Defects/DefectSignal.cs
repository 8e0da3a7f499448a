namespace Complaints.Models.Defects;

/// <summary>
/// A series whose recent complaints exceed what its history leads one to expect, with the evidence a quality
/// engineer checks: the window, observed and expected counts, the test's statistic and p-value (or interval).
/// </summary>
public sealed record DefectSignal(
    string Method, string Scope, string? Sku, string Line, string Category,
    DateOnly WindowFrom, DateOnly WindowTo, long Observed, double Expected,
    double Statistic, double? PValue, double? Lower, double? Upper)
{
    /// <summary>The week's count was improbably high for its expected count (Poisson or negative binomial tail).</summary>
    public const string Excess = "excess";
    /// <summary>The CUSUM of recent weeks crossed its limit: a smaller rise that has lasted.</summary>
    public const string Cusum = "cusum";
    /// <summary>Without enough history: the category's share in this product against all other products.</summary>
    public const string Disproportionality = "disproportionality";

    public string SeriesKey => $"{Scope}|{Sku ?? Line}|{Category}";
}
