using Complaints.Warehouse.Scheduling;
using Complaints.Reports.Charts;
using Complaints.Reports.Exports;
using Complaints.Reports.Subscriptions;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Complaints.Reports;

public static class DependencyInjection
{
    /// <summary>Workbooks, exports, subscriptions and their delivery (mail through the platform's one Mailer: SMTP or the outbox).</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<DescribeFilter>(FilterAsQuery.Describe);
        builder.Services.AddSingleton<WorkbookFiguresReader>();
        builder.Services.AddSingleton<ReportWorkbooks>();
        builder.Services.AddSingleton<ComplaintExports>();
        builder.Services.AddSingleton<ChartCatalogue>();
        builder.Services.AddSingleton<ChartExports>();
        builder.Services.AddSingleton<AuditReports.AuditReportIssuer>();
        builder.Services.AddSingleton<SubscriptionStore>();
        builder.Services.AddSingleton<SubscriptionRunner>();
        builder.Services.AddSingleton<SubscriptionDispatcher>();

        // A bad schedule fails ReportsOptions' validation at start, naming the setting; here it is only left unscheduled.
        var settings = builder.Configuration.GetSection(ReportsOptions.Section).Get<ReportsOptions>() ?? new ReportsOptions();
        var zone = CronJobs.ScheduleZone(builder.Configuration);
        builder.Services.AddQuartz(quartz =>
        {
            if (!quartz.AddCronJob<SubscriptionDispatchJob>(SubscriptionDispatchJob.Key, settings.DispatchSchedule, zone))
                return;
            // Once at start (the warehouse is migrated by then: its start-up runs first): a delivery missed while the host was down goes out now.
            quartz.AddTrigger(t => t.ForJob(SubscriptionDispatchJob.Key).StartNow());
        });
        return builder;
    }
}
