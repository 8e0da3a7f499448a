namespace Complaints.Reports.Workbooks;

/// <summary>The parts a workbook can hold, each one sheet (costs and SLA hold two tables).</summary>
public enum WorkbookSection { Kpis, Trend, TopProducts, Costs, Sla, Backlog, Signals, AtRisk, Feedback }

/// <summary>
/// A report by its URL name and the sections it holds: the executive report holds the list (CSAT is among its key
/// figures; the survey breakdowns are the feedback report's); each page's "Export to Excel" is the report of that page's figures.
/// </summary>
public sealed record ReportDefinition(string Name, IReadOnlyList<WorkbookSection> Sections)
{
    public const string Executive = "executive";

    public static readonly IReadOnlyList<ReportDefinition> All =
    [
        new(Executive, [.. Enum.GetValues<WorkbookSection>().Where(s => s != WorkbookSection.Feedback)]),
        new("overview", [WorkbookSection.Kpis, WorkbookSection.Trend, WorkbookSection.TopProducts]),
        new("sla", [WorkbookSection.Sla, WorkbookSection.Backlog]),
        new("costs", [WorkbookSection.Costs]),
        new("products", [WorkbookSection.TopProducts]),
        new("defects", [WorkbookSection.Signals]),
        new("risk", [WorkbookSection.AtRisk]),
        new("feedback", [WorkbookSection.Feedback]),
    ];

    public static ReportDefinition? Find(string? name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(r => r.Name));

    public bool Has(WorkbookSection section) => Sections.Contains(section);
}
