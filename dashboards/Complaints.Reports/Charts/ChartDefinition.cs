using Complaints.Warehouse;
using Complaints.Warehouse.Overview;

namespace Complaints.Reports.Charts;

/// <summary>
/// What a chart's figures are read for: the page's filter, the instant breaches and ages are judged at, the trend's
/// bucket, and for a chart of one recurring-defect series its key (<c>product|HA-0001|leaking</c>), which no filter names.
/// </summary>
public sealed record ChartQuery(ComplaintFilter Filter, DateTimeOffset AsOf, TimeBucket Bucket, string? Signal = null);

/// <summary>
/// One chart of a page by its stable id (<c>page.chart</c>, the chart's name on the page prefixed by the page), its
/// columns, and how its rows are read from the page's own query class.
/// </summary>
/// <param name="Judged">Its figures depend on the as-of instant (breaches, ages, penalties): an export states the instant in its filter.</param>
/// <param name="Bucketed">Its rows are periods of the query's bucket (day, week, month, quarter): an export states the bucket.</param>
/// <param name="PerSignal">Its rows are one recurring-defect series (the query's <see cref="ChartQuery.Signal"/>), over every complaint: an export states the series, not a filter.</param>
public sealed record ChartDefinition(string Id, IReadOnlyList<ChartColumn> Columns, Func<ChartQuery, IEnumerable<object?[]>> Read,
    bool Judged = false, bool Bucketed = false, bool PerSignal = false)
{
    public string Page => Id[..Id.IndexOf('.')];
}

/// <summary>A chart's figures as typed rows, in the column order of its definition.</summary>
public sealed record ChartRows(ChartDefinition Chart, IReadOnlyList<object?[]> Rows);
