using Quartz;

namespace Complaints.Dashboards.Scheduling;

/// <summary>
/// Puts the host's scheduler on the shared PostgreSQL job store, clustered: the hosts of one cluster share its jobs and
/// triggers, a firing is taken by exactly one of them (row locks in the store), and a host that stops checking in has
/// its running jobs that ask for recovery run again by another (see docs/decisions/0012-clustered-scheduler.md).
/// </summary>
public static class SchedulerStore
{
    public static void UseClustered(IQuartzBuilder quartz, SchedulerOptions options)
    {
        quartz.ConfigureScheduler(s =>
        {
            s.InstanceName = options.InstanceName;
            s.GenerateInstanceId = true; // host name and time: distinct per host, as clustering requires
        });
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(options.ConnectionString!);
            // The tables come from the script Quartz ships for its own version, created once by whichever host starts first.
            store.ProvisionSchema();
            store.UseClustering(c =>
            {
                c.CheckinInterval = options.CheckinInterval;
                c.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
            });
        });
    }
}
