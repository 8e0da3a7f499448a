using Complaints.Ingest.Feeds;
using Quartz;

namespace Complaints.Ingest.Inbox;

/// <summary>The scheduled poll of one feed's inbox; Quartz runs one per feed on its cron schedule, never two at once.</summary>
[DisallowConcurrentExecution]
public sealed class InboxJob(InboxProcessor processor) : IJob
{
    /// <summary>The feed whose inbox this job polls: set by Quartz's job factory from the job data of the same name.</summary>
    public string Feed { get; set; } = "";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var feed = FeedLayouts.Find(Feed) ?? throw new JobExecutionException($"InboxJob: no feed named '{Feed}'.");
        await processor.ProcessAsync(feed, cancellationToken);
    }
}
