using Complaints.Models.Risk;
using Quartz;

namespace Complaints.Models.Jobs;

/// <summary>Every minute (by default): refreshes signals and scores when a load or roll-back was announced since the last refresh, or hourly.</summary>
[DisallowConcurrentExecution]
public sealed class ModelRefreshJob(ModelRefresh refresh) : IJob
{
    public static readonly JobKey Key = new("models-refresh");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await refresh.RefreshIfDueAsync(cancellationToken: cancellationToken);
}

/// <summary>Retrains the risk models (weekly by default), then scores with the new ones.</summary>
[DisallowConcurrentExecution]
public sealed class RiskTrainingJob(RiskScores scores, ModelRefresh refresh) : IJob
{
    public static readonly JobKey Key = new("models-training");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await scores.TrainAsync(cancellationToken);
        await refresh.RefreshIfDueAsync(force: true, cancellationToken);
    }
}
