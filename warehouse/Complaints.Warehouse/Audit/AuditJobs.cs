using Quartz;

namespace Complaints.Warehouse.Audit;

/// <summary>Hourly (by default): a checkpoint of the chain's head even when nothing was written, so the file shows the trail was watched.</summary>
[DisallowConcurrentExecution]
public sealed class AuditCheckpointJob(AuditCheckpoints checkpoints) : IJob
{
    public static readonly JobKey Key = new("audit-checkpoint");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        checkpoints.Checkpoint("schedule", always: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Nightly (by default): verifies the whole trail against the checkpoint file and alerts when it is broken.</summary>
[DisallowConcurrentExecution]
public sealed class AuditVerificationJob(AuditCheckpoints checkpoints, AuditAlerts alerts) : IJob
{
    public static readonly JobKey Key = new("audit-verify");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await alerts.SendAsync(checkpoints.Verify(), cancellationToken);
}
