using Complaints.Warehouse.Scheduling;
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
        var zone = CronJobs.ScheduleZone(builder.Configuration);
        builder.Services.AddQuartz(quartz =>
        {
            foreach (var (feedName, cron) in schedules)
                if (FeedLayouts.Find(feedName) is { } feed)
                    quartz.AddCronJob<InboxJob>(new JobKey($"inbox-{feed.Name}"), cron, zone, j => j.UsingJobData(nameof(InboxJob.Feed), feed.Name));
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
