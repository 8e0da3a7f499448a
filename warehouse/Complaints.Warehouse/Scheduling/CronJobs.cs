using Microsoft.Extensions.Configuration;
using Quartz;

namespace Complaints.Warehouse.Scheduling;

/// <summary>How each part adds its scheduled jobs to the host's one scheduler: a job on a cron read in the reporting zone.</summary>
public static class CronJobs
{
    /// <summary>
    /// The zone every schedule is read in: the reporting zone, the one zone for filters, buckets and schedules. Read from
    /// configuration at registration, since Quartz needs its triggers then; a bad zone id is refused at start by ReportingOptions.
    /// </summary>
    public static TimeZoneInfo ScheduleZone(IConfiguration configuration) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(configuration[$"{ReportingOptions.Section}:TimeZone"] ?? new ReportingOptions().TimeZone, out var zone)
            ? zone : TimeZoneInfo.Utc;

    /// <summary>
    /// Adds <typeparamref name="TJob"/> as <paramref name="key"/>, fired on <paramref name="cron"/> in <paramref name="zone"/>.
    /// A cron that does not parse is left out here: the part's options validation refuses it at start, naming the setting.
    /// </summary>
    /// <returns>Whether the job was added.</returns>
    public static bool AddCronJob<TJob>(this IQuartzBuilder quartz, JobKey key, string? cron, TimeZoneInfo zone,
        Action<IJobConfigurator<TJob>>? job = null) where TJob : IJob
    {
        if (!CronExpression.TryParse(cron, out _))
            return false;
        quartz.AddJob<TJob>(j =>
        {
            j.WithIdentity(key);
            job?.Invoke(j);
        });
        quartz.AddTrigger(t => t.ForJob(key).WithIdentity($"{key.Name}-schedule").WithCronSchedule(cron!, c => c.InTimeZone(zone)));
        return true;
    }
}
