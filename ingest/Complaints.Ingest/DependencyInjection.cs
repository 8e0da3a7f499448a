using Complaints.Ingest.Feeds;
using Complaints.Ingest.Inbox;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Complaints.Ingest;

public static class DependencyInjection
{
    /// <summary>The load path and its inputs: inbox folders polled on schedules, and (via the host) uploads.</summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.AddIngestCore();

        // Schedules are read here, once: Quartz needs its triggers at registration. A bad one is left out here and
        // refused at start by IngestOptions' validation, which names the setting (see SettingsCheck).
        var schedules = builder.Configuration.GetSection($"{IngestOptions.Section}:Schedules").Get<Dictionary<string, string>>() ?? [];
        // Cron times are read in the reporting zone, the one zone for filters, buckets and schedules.
        var zoneId = builder.Configuration[$"{Complaints.Warehouse.ReportingOptions.Section}:TimeZone"] ?? new Complaints.Warehouse.ReportingOptions().TimeZone;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        builder.Services.AddQuartz(quartz =>
        {
            foreach (var (feedName, cron) in schedules)
            {
                var feed = FeedLayouts.Find(feedName);
                if (feed is null || !CronExpression.TryParse(cron, out _))
                    continue;
                var job = new JobKey($"inbox-{feed.Name}");
                quartz.AddJob<InboxJob>(j => j.WithIdentity(job).UsingJobData(nameof(InboxJob.Feed), feed.Name));
                quartz.AddTrigger(t => t.ForJob(job).WithIdentity($"inbox-{feed.Name}-schedule").WithCronSchedule(cron, c => c.InTimeZone(zone)));
            }
        });
        return builder;
    }

    /// <summary>What loading a file needs and nothing that runs by itself: the command line uses this alone.</summary>
    public static IHostApplicationBuilder AddIngestCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton<IValidateOptions<IngestOptions>>(new InboxProfilesValidation(contentRoot));
        builder.Services.AddSingleton(sp => new InboxProfiles(sp.GetRequiredService<IOptions<IngestOptions>>(), contentRoot));
        builder.Services.AddSingleton(sp => new FeedFolders(Path.Combine(contentRoot, sp.GetRequiredService<IOptions<IngestOptions>>().Value.Root)));
        builder.Services.AddSingleton<CanonicalFileLoader>();
        builder.Services.AddSingleton<ProfiledFileLoader>();
        builder.Services.AddSingleton<InboxProcessor>();
        builder.Services.AddSingleton<RunRollback>();
        builder.Services.AddTransient<InboxJob>();
        return builder;
    }
}
