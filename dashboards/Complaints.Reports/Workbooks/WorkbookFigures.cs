using Complaints.Models.Defects;
using Complaints.Models.Risk;
using Complaints.Warehouse;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;

namespace Complaints.Reports.Workbooks;

/// <summary>
/// What one workbook shows, read from the same query classes as the pages and the API. Sections the report does not
/// hold are left empty (null or no rows).
/// </summary>
public sealed record WorkbookFigures(
    ReportDefinition Report,
    ComplaintFilter Filter,
    string FilterInWords,
    DateTimeOffset GeneratedAt,
    DateTimeOffset AsOf,
    DateTimeOffset? LastLoad,
    string Currency,
    string TimeZone,
    Kpis? Kpis,
    IReadOnlyList<PeriodCount> Trend,
    IReadOnlyList<ProductCount> TopProducts,
    CostSummary? CostSummary,
    IReadOnlyList<CostTypeCost> CostByType,
    IReadOnlyList<ProductCostFigure> CostByProduct,
    SlaAchievement? Sla,
    IReadOnlyList<SlaBreaches> BreachesByLine,
    IReadOnlyList<BacklogBucket> Backlog,
    IReadOnlyList<StoredSignal> Signals,
    AtRiskFigures? AtRisk,
    FeedbackFigures? Feedback);
