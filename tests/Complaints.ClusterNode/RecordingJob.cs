using System.Globalization;
using Npgsql;
using Quartz;

namespace Complaints.ClusterNode;

/// <summary>
/// Records each run in <c>job_runs</c>: the slot it stands for (the original slot when it is a recovery), the node
/// that ran it, when it started and — after its work — when it finished. A run killed mid-work has no finish.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RecordingJob(NpgsqlDataSource database) : IJob
{
    public static readonly JobKey Key = new("recorded");

    /// <summary>This process's node name (job data is shared by the cluster, so it cannot say which node runs it).</summary>
    public static string NodeName { get; set; } = "";

    public int WorkMilliseconds { get; set; }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var slot = context.Recovering ? OriginalSlot(context.MergedJobDataMap) : context.ScheduledFireTimeUtc!.Value;
        await using var insert = database.CreateCommand(
            "INSERT INTO job_runs (slot, node, recovering, started) VALUES ($1, $2, $3, clock_timestamp()) RETURNING id");
        insert.Parameters.AddWithValue(slot.UtcDateTime);
        insert.Parameters.AddWithValue(NodeName);
        insert.Parameters.AddWithValue(context.Recovering);
        var id = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;

        await Task.Delay(WorkMilliseconds, cancellationToken);

        await using var finish = database.CreateCommand("UPDATE job_runs SET finished = clock_timestamp() WHERE id = $1");
        finish.Parameters.AddWithValue(id);
        await finish.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A recovery names the slot of the firing it stands in for in its data map (a string after the store's round trip).</summary>
    private static DateTimeOffset OriginalSlot(JobDataMap data) => data.Get<object>(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime) switch
    {
        DateTimeOffset slot => slot,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
        var other => throw new JobExecutionException($"a recovery without its original slot ({other})"),
    };
}
