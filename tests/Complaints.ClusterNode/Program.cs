using Complaints.Dashboards;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace Complaints.ClusterNode;

// A host's scheduler as the host builds it (AddScheduler with Scheduler:Clustered), with one scheduled job that records
// each run in the job store's database. Settings come as --Scheduler:ConnectionString=… arguments, as for the host;
// --Node:Name names this node in the records, --Node:Cron and --Node:WorkMilliseconds shape the job.
// Not top-level statements: the test project references this one, and a second global Program would clash with the host's.
internal static class NodeProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var settings = builder.Configuration;
        var name = settings["Node:Name"] ?? throw new ArgumentException("--Node:Name=… is missing");
        var cron = settings["Node:Cron"] ?? "0/2 * * * * ?";
        var work = settings["Node:WorkMilliseconds"] ?? "1000";

        builder.Services.AddSingleton(NpgsqlDataSource.Create(settings["Scheduler:ConnectionString"]!));
        builder.Services.AddTransient<RecordingJob>();
        builder.AddScheduler();
        builder.Services.AddQuartz(quartz =>
        {
            quartz.AddJob<RecordingJob>(j => j.WithIdentity(RecordingJob.Key).RequestRecovery()
                .UsingJobData(nameof(RecordingJob.WorkMilliseconds), work));
            // Every missed slot runs late rather than being folded into one: the test counts slots.
            quartz.AddTrigger(t => t.ForJob(RecordingJob.Key).WithIdentity("recorded-schedule")
                .WithCronSchedule(cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.IgnoreMisfires)));
        });

        using var host = builder.Build();
        if (SettingsCheck.Problems(host.Services) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
                Console.Error.WriteLine(problem);
            return SettingsCheck.BadSetting;
        }
        RecordingJob.NodeName = name;
        await host.StartAsync();
        Console.WriteLine("ready");
        await host.WaitForShutdownAsync();
        return 0;
    }
}
