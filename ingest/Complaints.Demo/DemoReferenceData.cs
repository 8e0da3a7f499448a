using Complaints.Ingest.Feeds;

namespace Complaints.Demo;

/// <summary>
/// The demo's reference feeds: units sold per product and month, and monthly euro rates. Both are drawn from their
/// own random stream, so adding them left the complaint files of a seed as they were.
/// </summary>
internal static class DemoReferenceData
{
    private const int StreamOffset = 0x5A1E5;

    /// <summary>
    /// Units sold follow the complaints a product would draw without the planted defects, at a rate per 1,000 units that
    /// grows with the price (dear products are complained about more per unit). A defect's spike then shows as a higher rate.
    /// </summary>
    public static long WriteUnitsSold(string path, DemoComplaintSimulator simulator, WarsawClock clock, int seed)
    {
        var random = new Random(seed + StreamOffset);
        using var row = new CsvRowWriter(path, FeedLayouts.UnitsSold);
        long rows = 0;
        foreach (var (month, complaints) in simulator.ComplaintsPerMonth())
        {
            var reportedAt = ReportedAt(month, simulator, clock);
            foreach (var product in DemoCatalog.Products)
            {
                var expected = complaints * simulator.NaturalShare(product, month);
                var units = expected * 1000 / ComplaintsPerThousandUnits(product) * random.Between(0.92, 1.08);
                row.Text(product.Sku);
                row.Date(month);
                row.Integer(Math.Max(1, (long)Math.Round(units)));
                row.Instant(reportedAt);
                row.EndRow();
                rows++;
            }
        }
        return rows;
    }

    /// <summary>Złoty per euro, published on the first working morning of each month, around 4.30 with a slow swing.</summary>
    public static long WriteExchangeRates(string path, DemoComplaintSimulator simulator, WarsawClock clock, int seed)
    {
        var random = new Random(seed + StreamOffset + 1);
        using var row = new CsvRowWriter(path, FeedLayouts.ExchangeRates);
        var index = 0;
        foreach (var (month, _) in simulator.ComplaintsPerMonth())
        {
            var rate = 4.30 + 0.12 * Math.Sin(index++ * Math.PI / 7) + random.Between(-0.02, 0.02);
            row.Text("EUR");
            row.Date(month);
            row.Decimal(Math.Round((decimal)rate, 4), "0.0000");
            row.Instant(clock.Local(clock.ToUtc(month, TimeSpan.FromHours(6))));
            row.EndRow();
        }
        return index;
    }

    public static double ComplaintsPerThousandUnits(DemoProduct product) => 1.5 + (double)product.Price / 800;

    /// <summary>Sales figures are closed the morning after the month ends, or on the data's last day for the current month.</summary>
    private static DateTimeOffset ReportedAt(DateOnly month, DemoComplaintSimulator simulator, WarsawClock clock)
    {
        var closedOn = month.AddMonths(1);
        var lastDay = clock.LocalDay(simulator.End.AddTicks(-1));
        return clock.Local(clock.ToUtc(closedOn > lastDay ? lastDay : closedOn, TimeSpan.FromHours(6)));
    }
}
