using Complaints.Warehouse.Scheduling;
using Complaints.Models.Alerts;
using Complaints.Models.Defects;
using Complaints.Models.Jobs;
using Complaints.Warehouse.Mail;
using Complaints.Models.Risk;
using Complaints.Warehouse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Complaints.Models;

public static class DependencyInjection
{
    /// <summary>Recurring-defect signals and risk scores, refreshed after loads and hourly, retrained weekly, with alert digests.</summary>
    public static IHostApplicationBuilder AddModels(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section);
        builder.Services.AddSingleton<DefectSignals>();
        builder.Services.AddSingleton<RiskScores>();
        builder.Services.AddSingleton<RiskQueries>();
        builder.Services.AddSingleton<ModelRefresh>();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp => new Mailer(sp.GetRequiredService<IOptions<SmtpOptions>>(),
            Path.Combine(contentRoot, sp.GetRequiredService<IOptions<ModelsOptions>>().Value.Outbox), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ModelAlerts>();

        // Bad cron settings fail ModelsOptions' validation at start, naming the setting; here they are only left unscheduled.
        var settings = builder.Configuration.GetSection(ModelsOptions.Section).Get<ModelsOptions>() ?? new ModelsOptions();
        var zone = CronJobs.ScheduleZone(builder.Configuration);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.AddCronJob<ModelRefreshJob>(ModelRefreshJob.Key, settings.RefreshSchedule, zone);
            quartz.AddCronJob<RiskTrainingJob>(RiskTrainingJob.Key, settings.TrainingSchedule, zone);
        });
        return builder;
    }
}
