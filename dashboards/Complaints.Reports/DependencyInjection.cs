using Complaints.Reports.Workbooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Complaints.Reports;

public static class DependencyInjection
{
    /// <summary>Workbooks, exports, subscriptions and their delivery.</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<DescribeFilter>(FilterAsQuery.Describe);
        builder.Services.AddSingleton<WorkbookFiguresReader>();
        builder.Services.AddSingleton<Workbooks.ReportWorkbooks>();
        builder.Services.AddSingleton<Exports.ComplaintExports>();
        return builder;
    }
}
