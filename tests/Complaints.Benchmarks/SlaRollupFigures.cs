using System.Diagnostics;
using Complaints.Warehouse;
using Complaints.Warehouse.Rollups;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Benchmarks;

/// <summary>
/// The SLA rollup at the page benchmark's size: built whole if the warehouse predates it (timed), then every SLA figure
/// read from it compared with the same figure read from the facts, judged at one instant.
/// </summary>
public static class SlaRollupFigures
{
    public static async Task<PageBenchmark.RollupFigure> MeasureAsync(WarehouseDatabase warehouse, IReadOnlyList<(string Name, ComplaintFilter Filter)> filters)
    {
        var reporting = Microsoft.Extensions.Options.Options.Create(new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } });
        bool wasCurrent;
        using (var connection = warehouse.OpenConnection())
            wasCurrent = SlaRollup.IsCurrent(connection, reporting.Value);
        var watch = Stopwatch.StartNew();
        await new SlaRollup(reporting, TimeProvider.System, NullLogger<SlaRollup>.Instance).EnsureCurrentAsync(warehouse);
        var seconds = wasCurrent ? double.NaN : watch.Elapsed.TotalSeconds;
        string rows;
        using (var connection = warehouse.OpenConnection())
            rows = connection.QueryList("""
                SELECT format('{:,} day rows of settled complaints, {:,} unsettled complaints, {:,} business-hours sketch rows, {:,} time-per-status sketch rows',
                              (SELECT count(*) FROM sla_daily), (SELECT count(*) FROM sla_unsettled),
                              (SELECT count(*) FROM business_hours_sketch), (SELECT count(*) FROM status_time_sketch))
                """, r => r.GetString(0)).Single();
        Console.WriteLine(double.IsNaN(seconds) ? "  SLA rollup already current" : $"  SLA rollup built in {seconds:N1} s: {rows}");

        // One instant for both, so open complaints are judged alike.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var fromRollup = new SlaQueries(warehouse, reporting, clock);
        var fromFacts = new SlaQueries(warehouse, reporting, clock, readRollup: false);
        var comparison = new List<string>();
        foreach (var (name, filter) in filters)
        {
            var (r, f) = (await fromRollup.GetAsync(filter), await fromFacts.GetAsync(filter));
            var exact = r.Achievement == f.Achievement && r.BreachesByProductLine.SequenceEqual(f.BreachesByProductLine)
                        && r.BreachesByChannel.SequenceEqual(f.BreachesByChannel) && r.BreachesBySegment.SequenceEqual(f.BreachesBySegment)
                        && r.BreachesByTeam.SequenceEqual(f.BreachesByTeam) && r.Backlog.SequenceEqual(f.Backlog) && r.DueSoon.SequenceEqual(f.DueSoon)
                        && r.TimePerStatus.Select(t => (t.Status, t.Intervals)).SequenceEqual(f.TimePerStatus.Select(t => (t.Status, t.Intervals)))
                        && r.HandlingTimePerProduct.Select(p => (p.Sku, p.Resolved)).Order().SequenceEqual(f.HandlingTimePerProduct.Select(p => (p.Sku, p.Resolved)).Order());
            var medians = f.HandlingTimePerProduct.SelectMany(p =>
                {
                    var q = r.HandlingTimePerProduct.Single(x => x.Sku == p.Sku);
                    return new[] { (p.MedianDays, q.MedianDays), (p.P90Days, q.P90Days), (p.MedianBusinessHours ?? 0, q.MedianBusinessHours ?? 0) };
                })
                .Concat(f.TimePerStatus.Select(t => (t.MedianHours, r.TimePerStatus.Single(x => x.Status == t.Status).MedianHours)))
                .ToList();
            var worst = medians.Max(m => m.Item1 == 0 ? 0 : Math.Abs(m.Item2 - m.Item1) / Math.Abs(m.Item1));
            comparison.Add($"{name}: achievement, breaches, backlog, due soon and counts {(exact ? "equal" : "DIFFER")}; medians at most {worst:P2} from the exact ones (stated bound {HandlingSketch.RelativeError:P2})");
            Console.WriteLine($"  SLA rollup vs facts, {comparison[^1]}");
        }
        return new PageBenchmark.RollupFigure("SLA rollup",
            "The SLA page reads `sla_daily` (settled complaints per local day × product × defect category × channel × status × segment × team), " +
            "`sla_unsettled` (every complaint that can still change with time, judged at the page's instant) and sketches of business hours and of " +
            "time per status, for filters on dates, product, line, category, channel and status (medians for dates, product and line); " +
            "other filters and past instants read the facts.",
            seconds, rows, comparison);
    }
}
