using Complaints.Warehouse.Scheduling;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Mail;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Complaints.Warehouse;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddWarehouse(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WarehouseOptions>().BindConfiguration(WarehouseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ReportingOptions>().BindConfiguration(ReportingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // SlaOptions reports every problem with its setting's path (Problems()), through IValidatableObject.
        builder.Services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddTimeProvider();
        builder.Services.AddSingleton<SlaMeasures>();
        builder.Services.AddSingleton<SlaQueries>();
        builder.Services.AddSingleton<Costs.CostRollup>();
        builder.Services.AddSingleton<Rollups.ComplaintRollup>();
        builder.Services.AddSingleton<Rollups.SlaRollup>();
        var contentRoot = builder.Environment.ContentRootPath;
        // The owners of derived tables go with the gate itself: no write, from whichever part, can leave them behind.
        builder.Services.AddSingleton(sp => new WarehouseDatabase(
            Path.Combine(contentRoot, sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.Path),
            sp.GetRequiredService<IOptions<WarehouseOptions>>().Value.MemoryLimit,
            sp.GetRequiredService<ILogger<WarehouseDatabase>>(),
            // In this order: the complaint rollup sums the converted costs the cost rollup has just written, and the SLA rollup
            // follows both the measuring and the complaint rollup it compares its days with.
            [sp.GetRequiredService<SlaMeasures>(), sp.GetRequiredService<Costs.CostRollup>(), sp.GetRequiredService<Rollups.ComplaintRollup>(),
             sp.GetRequiredService<Rollups.SlaRollup>()]));
        builder.Services.AddSingleton<Costs.CostsQueries>();
        builder.Services.AddSingleton<Feedback.FeedbackQueries>();
        builder.Services.AddSingleton<OverviewQueries>();
        builder.Services.AddSingleton<Products.ProductsQueries>();
        builder.Services.AddSingleton<FigureCache>();
        builder.Services.AddSingleton<Accounts.AccountStore>();
        builder.Services.AddSingleton<PersonalData.PersonalDataStore>();
        builder.Services.AddSingleton<Ingest.IngestRunQueries>();
        builder.Services.AddSingleton<History.HistoryQueries>();
        builder.Services.AddSingleton<ComplaintList.ComplaintListQueries>();
        builder.Services.AddSingleton<ComplaintList.FilterOptionsQuery>();
        builder.Services.AddSingleton<ComplaintList.ComplaintDetailQuery>();
        builder.Services.AddSingleton<Export.ParquetExport>();
        builder.AddAudit();
        builder.Services.AddHostedService<WarehouseStartup>();
        return builder;
    }

    /// <summary>
    /// The audit trail's anchoring and verification: signed checkpoints after every write and hourly, a nightly
    /// verification that alerts. Without <c>Audit:CheckpointKey</c> a Production host refuses to start unless
    /// <c>Audit:AllowUnsigned</c> is set; elsewhere (Development, tests) checkpoints are written unsigned and say so.
    /// </summary>
    private static void AddAudit(this IHostApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<AuditOptions>().Configure(o => o.AllowUnsigned = !production)
            .BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp => new AuditCheckpoints(sp.GetRequiredService<WarehouseDatabase>(),
            new AuditCheckpointFile(sp.GetRequiredService<IOptions<AuditOptions>>().Value.ResolveCheckpointPath(contentRoot, sp.GetRequiredService<WarehouseDatabase>().Path)),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.KeyBytes, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditCheckpoints>>()));
        var configuration = builder.Configuration;
        builder.Services.AddSingleton(sp =>
        {
            var audit = sp.GetRequiredService<IOptions<AuditOptions>>().Value;
            // The model alerts' recipients and links unless the audit names its own: one list of people to tell.
            var recipients = audit.AlertRecipients.Count > 0 ? audit.AlertRecipients : configuration.GetSection("Alerts:Recipients").Get<List<string>>() ?? [];
            var outbox = Path.Combine(contentRoot, configuration["Models:Outbox"] ?? "data/outbox");
            return new AuditAlerts(new Mailer(sp.GetRequiredService<IOptions<SmtpOptions>>(), outbox, sp.GetRequiredService<TimeProvider>()),
                recipients, configuration["Alerts:BaseUrl"] ?? "http://localhost:5238", sp.GetRequiredService<ILogger<AuditAlerts>>());
        });
        builder.Services.AddSingleton<AuditQueries>();
        builder.Services.AddSingleton<AuditReports.AuditReportQueries>();
        builder.Services.AddSingleton<AuditReports.IssuedReports>();

        // Bad cron settings fail AuditOptions' validation at start, naming the setting; here they are only left unscheduled.
        var settings = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        var zone = CronJobs.ScheduleZone(configuration);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.AddCronJob<AuditCheckpointJob>(AuditCheckpointJob.Key, settings.CheckpointSchedule, zone);
            quartz.AddCronJob<AuditVerificationJob>(AuditVerificationJob.Key, settings.VerifySchedule, zone);
        });
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}
