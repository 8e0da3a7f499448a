using System.Globalization;
using Complaints.Models.Defects;
using Complaints.Models.Risk;
using Complaints.Warehouse;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Ingest;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Options;

namespace Complaints.Reports.Workbooks;

/// <summary>
/// Gathers a report's figures from the warehouse's query classes (never a copy of their SQL), so every cell equals
/// the JSON API's for the same filter. SLA, backlog and cost figures are judged as of the filter's as-of instant, or now.
/// </summary>
public sealed class WorkbookFiguresReader(
    OverviewQueries overview, SlaQueries sla, CostsQueries costs, FeedbackQueries feedback, DefectSignals signals, RiskQueries risk, IngestRunQueries runs,
    WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, DescribeFilter describe, TimeProvider time)
{
    /// <summary>Products shown in the top-products table; the API lists all of them in the same order.</summary>
    public const int TopProductsShown = 20;

    /// <summary>Complaints shown in the most-at-risk table.</summary>
    public const int AtRiskShown = 25;

    public async Task<WorkbookFigures> ReadAsync(ReportDefinition report, ComplaintFilter filter, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var asOf = filter.AsOf ?? now;
        var judged = filter with { AsOf = asOf };
        Task<T> Run<T>(bool wanted, Func<T> read, T none) => wanted ? Task.Run(read, cancellationToken) : Task.FromResult(none);

        var kpis = Run(report.Has(WorkbookSection.Kpis), () => (Kpis?)overview.Kpis(filter), null);
        var trend = Run(report.Has(WorkbookSection.Trend), () => overview.Trend(filter, TimeBucket.Month), []);
        var products = Run(report.Has(WorkbookSection.TopProducts), () => overview.ComplaintsPerProduct(filter), []);
        var costed = report.Has(WorkbookSection.Costs);
        var costSummary = Run(costed, () => (CostSummary?)costs.Summary(judged), null);
        var byType = Run(costed, () => costs.PerCostType(judged), []);
        var byProduct = Run(costed, () => costs.PerProduct(judged), []);
        var achievement = Run(report.Has(WorkbookSection.Sla), () => (SlaAchievement?)sla.Achievement(filter, asOf), null);
        var byLine = Run(report.Has(WorkbookSection.Sla), () => sla.BreachesBy(SlaQueries.Dimension.ProductLine, filter, asOf), []);
        var backlog = Run(report.Has(WorkbookSection.Backlog), () => sla.Backlog(filter, asOf), []);
        var openSignals = Run(report.Has(WorkbookSection.Signals), OpenSignals, []);
        var atRisk = Run(report.Has(WorkbookSection.AtRisk), () => (AtRiskFigures?)risk.Get(filter, RiskTarget.Statutory, AtRiskShown), null);
        async Task<FeedbackFigures?> Surveys() => report.Has(WorkbookSection.Feedback) ? await feedback.GetAsync(filter, cancellationToken) : null;
        var surveys = Surveys();
        var lastLoad = Task.Run(runs.LastLoadedAt, cancellationToken);

        return new WorkbookFigures(report, filter, describe(filter, culture), now, asOf, await lastLoad, reporting.Value.Currency, reporting.Value.TimeZone,
            await kpis, await trend, [.. (await products).Take(TopProductsShown)], await costSummary, await byType, await byProduct,
            await achievement, await byLine, await backlog, await openSignals, await atRisk, await surveys);
    }

    /// <summary>Signals still open: given by the detector now and not dismissed.</summary>
    private IReadOnlyList<StoredSignal> OpenSignals()
    {
        using var connection = warehouse.OpenConnection();
        return [.. signals.List(connection).Where(s => s.Active && s.Status != DefectSignals.Dismissed)];
    }
}
