namespace Complaints.Warehouse.Overview;

/// <param name="MedianRelativeError">How far the medians may be from the exact ones (they come from the rollup's sketch); null: exact.</param>
public sealed record OverviewFigures(
    OverviewTotals Totals,
    Kpis Kpis,
    IReadOnlyList<ProductCount> ComplaintsPerProduct,
    TimeBucket Bucket,
    IReadOnlyList<PeriodCount> Trend,
    IReadOnlyList<ProductHandlingTime> HandlingTimePerProduct,
    ProductCosts CostPerProduct,
    double? MedianRelativeError = null)
{
    /// <summary>Complaints the figures leave out for want of a date, and why (empty when none is).</summary>
    public IReadOnlyList<LeftOut> LeftOut => Totals.LeftOut();
}

/// <summary>
/// Open follows the status; <paramref name="ClosedTimeUnknown"/> complaints are in an ending status without a resolution date:
/// neither open nor resolved, and left out of every handling time.
/// </summary>
public sealed record OverviewTotals(long Complaints, long Resolved, long Open, DateOnly? FirstReceived, DateOnly? LastReceived, long ClosedTimeUnknown = 0)
{
    public IReadOnlyList<LeftOut> LeftOut() =>
        ClosedTimeUnknown > 0 ? [Warehouse.LeftOut.NoResolutionDate(ClosedTimeUnknown, "handling times")] : [];
}

public sealed record ProductCount(string Sku, string Name, string ProductLine, long Complaints);

/// <summary>How the trend groups days: by day, ISO week (starting Monday), month or quarter, in the reporting time zone.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TimeBucket>))]
public enum TimeBucket { Day, Week, Month, Quarter }

/// <summary>A period of the trend, as its first day.</summary>
public sealed record PeriodCount(DateOnly Period, long Complaints);

/// <summary>Received → resolved in calendar days (elapsed time / 24 h), over resolved complaints only.</summary>
public sealed record ProductHandlingTime(string Sku, string Name, string ProductLine, double MedianDays, long Resolved);

public sealed record ProductCost(string Sku, string Name, string ProductLine, decimal Amount);

/// <summary>Costs converted to the reporting currency; costs in a currency without a configured rate are counted, not guessed.</summary>
public sealed record ProductCosts(string Currency, IReadOnlyList<ProductCost> Products, decimal Total, long UnconvertedCosts, IReadOnlyList<string> UnconvertedCurrencies);

/// <summary>
/// Key figures of one period. Cost is in the reporting currency; CSAT is the mean score 1–5. Still open counts complaints not in
/// an ending status; <paramref name="ClosedTimeUnknown"/> are closed without a resolution date, left out of the median handling time.
/// </summary>
public sealed record KpiValues(long Received, long StillOpen, double? MedianHandlingDays, decimal Cost, double? Csat, long ClosedTimeUnknown = 0);

/// <summary>The key figures and, when the filter has both dates, the same figures for the period of equal length just before.</summary>
public sealed record Kpis(KpiValues Current, KpiValues? Previous, DateOnly? PreviousFrom, DateOnly? PreviousTo);
