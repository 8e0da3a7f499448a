using Complaints.Models.Defects;
using Complaints.Warehouse;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Products;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Options;
using static Complaints.Reports.Charts.ChartColumn;

namespace Complaints.Reports.Charts;

/// <summary>
/// Every chart of the dashboard pages, by its stable id, read from the same query class and method as the page draws it
/// (never a copy of its SQL). Values are the queries' own, unrounded except money (to the cent), so every format of a
/// chart's export holds the same figures. SLA and cost charts are judged at the query's as-of instant, as the pages are.
/// </summary>
public sealed class ChartCatalogue
{
    private readonly Dictionary<string, ChartDefinition> _charts;
    private readonly DefectSignals _defects;

    public ChartCatalogue(OverviewQueries overview, ProductsQueries products, SlaQueries sla, CostsQueries costs, FeedbackQueries feedback,
        DefectSignals defects, IOptions<ReportingOptions> reporting)
    {
        _defects = defects;
        var currency = reporting.Value.Currency;
        ChartDefinition Chart(string id, ChartColumn[] columns, Func<ChartQuery, IEnumerable<object?[]>> read) =>
            new(id, columns, read, Judged: id.StartsWith("sla.", StringComparison.Ordinal) || id.StartsWith("costs.", StringComparison.Ordinal), Bucketed: id == "overview.trend",
                PerSignal: id.StartsWith("defects.", StringComparison.Ordinal));
        object? Money(decimal? amount) => amount is { } a ? Math.Round(a, 2, MidpointRounding.AwayFromZero) : null;
        ChartColumn[] Product = [Text("sku"), Text("product_name"), Text("product_line")];
        ChartColumn[] Scores = [Integer("complaints"), Integer("answers"), Integer("csat_answers"), Real("csat"), Integer("nps_answers"),
            Integer("promoters"), Integer("detractors"), Real("nps")];
        object?[] ScoresOf(FeedbackGroup g) =>
            [g.Complaints, g.Scores.Answers, g.Scores.CsatAnswers, g.Scores.Csat, g.Scores.NpsAnswers, g.Scores.Promoters, g.Scores.Detractors, g.Scores.Nps];
        ChartDefinition Feedbacks(string id, FeedbackQueries.Dimension dimension) => Chart(id, [Text("value"), Text("label"), .. Scores],
            q => feedback.By(dimension, q.Filter).Select(g => (object?[])[g.Value, g.Label, .. ScoresOf(g)]));

        ChartDefinition[] all =
        [
            Chart("overview.complaints-per-product", [.. Product, Integer("complaints")],
                q => overview.ComplaintsPerProduct(q.Filter).Select(p => new object?[] { p.Sku, p.Name, p.ProductLine, p.Complaints })),
            Chart("overview.trend", [Date("period"), Integer("complaints")],
                q => overview.Trend(q.Filter, q.Bucket).Select(p => new object?[] { p.Period, p.Complaints })),
            Chart("overview.handling-time-per-product", [.. Product, Real("median_days"), Integer("resolved")],
                q => overview.HandlingTimePerProduct(q.Filter).Select(h => new object?[] { h.Sku, h.Name, h.ProductLine, h.MedianDays, h.Resolved })),
            Chart("overview.cost-per-product", [.. Product, ChartColumn.Money("amount"), Text("currency")],
                q => overview.CostPerProduct(q.Filter) is var c ? c.Products.Select(p => new object?[] { p.Sku, p.Name, p.ProductLine, Money(p.Amount), c.Currency }) : []),

            Chart("products.rate-per-product", [.. Product, Integer("complaints"), Integer("complaints_with_sales"), Real("units_sold"), Real("per_thousand_units")],
                q => ProductRates.Of(products.SalesCells(q.Filter)).Products
                    .Select(p => new object?[] { p.Sku, p.Name, p.ProductLine, p.Complaints, p.ComplaintsWithSales, p.UnitsSold, p.PerThousandUnits })),
            Chart("products.rate-per-month", [Date("month"), Integer("complaints"), Integer("complaints_with_sales"), Real("units_sold"), Real("per_thousand_units")],
                q => ProductRates.Of(products.SalesCells(q.Filter)).Months
                    .Select(m => new object?[] { m.Month, m.Complaints, m.ComplaintsWithSales, m.UnitsSold, m.PerThousandUnits })),
            Chart("products.defect-pareto", [Text("defect_category"), Integer("complaints"), Real("cumulative_share")],
                q => products.DefectPareto(q.Filter).Select(d => new object?[] { d.Category, d.Complaints, d.CumulativeShare })),

            Chart("sla.breaches-by-product-line", [Text("product_line"), Integer("complaints"), Integer("breached"), Integer("first_response_breached"), Integer("resolution_breached")],
                q => sla.BreachesBy(SlaQueries.Dimension.ProductLine, q.Filter, q.AsOf)
                    .Select(b => new object?[] { b.Value, b.Complaints, b.Breached, b.FirstResponseBreached, b.ResolutionBreached })),
            Chart("sla.backlog-ageing", [Text("age_days"), Integer("open"), Integer("overdue")],
                q => sla.Backlog(q.Filter, q.AsOf).Select(b => new object?[] { b.Bucket, b.Complaints, b.Overdue })),
            Chart("sla.handling-per-product", [.. Product, Integer("resolved"), Real("median_days"), Real("p90_days"), Real("median_business_hours")],
                q => sla.HandlingTimePerProduct(q.Filter)
                    .Select(h => new object?[] { h.Sku, h.Name, h.ProductLine, h.Resolved, h.MedianDays, h.P90Days, h.MedianBusinessHours })),

            Chart("costs.cost-per-product", [.. Product, ChartColumn.Money("amount"), Text("currency"), Integer("costed_complaints")],
                q => costs.PerProduct(q.Filter.AsOfOr(q.AsOf)).Select(p => new object?[] { p.Sku, p.Name, p.ProductLine, Money(p.Amount), currency, p.Complaints })),
            Chart("costs.cost-per-product-line", [Text("product_line"), ChartColumn.Money("amount"), Text("currency"), Integer("costed_complaints")],
                q => CostsQueries.PerProductLine(costs.PerProduct(q.Filter.AsOfOr(q.AsOf)))
                    .Select(l => new object?[] { l.ProductLine, Money(l.Amount), currency, l.Complaints })),
            Chart("costs.cost-per-type", [Text("cost_type"), ChartColumn.Money("amount"), Text("currency"), Integer("bookings"), Integer("complaints"), Integer("unconverted_bookings")],
                q => costs.PerCostType(q.Filter.AsOfOr(q.AsOf))
                    .Select(t => new object?[] { t.CostType, Money(t.Amount), currency, t.Costs, t.Complaints, t.UnconvertedCosts })),
            Chart("costs.cost-trend", [Date("month"), ChartColumn.Money("amount"), Text("currency"), Integer("bookings")],
                q => costs.Trend(q.Filter.AsOfOr(q.AsOf)).Select(m => new object?[] { m.Month, Money(m.Amount), currency, m.Costs })),
            Chart("costs.cost-per-thousand-units", [.. Product, ChartColumn.Money("amount"), Text("currency"), Integer("units_sold"), ChartColumn.Money("per_thousand_units")],
                q => costs.PerThousandUnits(q.Filter.AsOfOr(q.AsOf))
                    .Select(u => new object?[] { u.Sku, u.Name, u.ProductLine, Money(u.Amount), currency, u.Units, Money(u.PerThousandUnits) })),
            Chart("costs.sla-penalties", [Text("product_line"), Integer("resolution_breaches"), Integer("statutory_misses"), ChartColumn.Money("amount"), Text("currency")],
                q => costs.Penalties(q.Filter.AsOfOr(q.AsOf)).PerProductLine
                    .Select(l => new object?[] { l.ProductLine, l.ResolutionBreaches, l.StatutoryMisses, Money(l.Amount), currency })),

            Feedbacks("feedback.csat-per-product", FeedbackQueries.Dimension.Product),
            Feedbacks("feedback.csat-per-channel", FeedbackQueries.Dimension.Channel),
            Feedbacks("feedback.csat-per-team", FeedbackQueries.Dimension.Team),
            Chart("feedback.csat-by-handling-time", [Text("handling_days"), .. Scores],
                q => feedback.ByHandlingTime(q.Filter).Select(g => (object?[])[g.Value, .. ScoresOf(g)])),

            // The series the page shows beside a signal: weekly counts against the expected line and the excess test's limit.
            Chart("defects.signal-weeks", [Date("week_from"), Date("week_to"), Integer("observed"), Real("expected"), Integer("limit")],
                q => SignalWeeks(q).Select(w => new object?[] { w.WeekFrom, w.WeekTo, w.Observed, w.Expected, w.Limit })),
        ];
        _charts = all.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<ChartDefinition> All => _charts.Values;

    public ChartDefinition? Find(string? id) => id is not null && _charts.TryGetValue(id, out var chart) ? chart : null;

    public string Ids => string.Join(", ", _charts.Keys.Order(StringComparer.Ordinal));

    public static ChartRows Read(ChartDefinition chart, ChartQuery query) => new(chart, [.. chart.Read(query)]);

    /// <summary>The series a per-signal chart reads when the query names none: the one the Defects page shows first (<see cref="DefectSignals.Shown"/>), or none.</summary>
    public string? DefaultSignal() => _defects.Shown(null)?.Key;

    /// <exception cref="KeyNotFoundException">The query names a series the warehouse does not have.</exception>
    private IReadOnlyList<SignalWeek> SignalWeeks(ChartQuery query) => (query.Signal ?? DefaultSignal()) is not { } key ? []
        : _defects.Weeks(key) is { Count: > 0 } weeks ? weeks
        : throw new KeyNotFoundException($"There is no product or line series '{key}'; keys look like product|HA-0001|leaking.");
}
