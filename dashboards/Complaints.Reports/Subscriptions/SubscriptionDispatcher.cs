using Complaints.Warehouse;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Complaints.Reports.Subscriptions;

/// <summary>
/// Sends what is due: for each active subscription, the latest occurrence of its schedule (in the reporting zone) that
/// has passed since it was created and since the last one dealt with. One a run, so a host that was down over several
/// occurrences sends the latest once at start rather than skipping it or sending a pile.
/// </summary>
public sealed class SubscriptionDispatcher(SubscriptionStore store, SubscriptionRunner runner, IOptions<ReportingOptions> reporting, TimeProvider time,
    ILogger<SubscriptionDispatcher> logger)
{
    public async Task<IReadOnlyList<Delivery>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var sent = new List<Delivery>();
        foreach (var subscription in store.List(SubscriptionViewer.Scheduler).Where(s => !s.Paused))
        {
            if (Due(subscription, store.LastDueHandled(subscription.Id), now) is not { } due)
                continue;
            try
            {
                sent.Add(await runner.RunAsync(subscription, due, onDemand: false, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A report that cannot be built is logged and left due: the next run tries again.
                logger.LogError(e, "Subscription {Id} ({Name}) could not be built for {Due}", subscription.Id, subscription.Name, due);
            }
        }
        return sent;
    }

    /// <summary>The latest occurrence at or before <paramref name="now"/> after the later of creation and the last handled occurrence; null when none.</summary>
    public DateTimeOffset? Due(Subscription subscription, DateTimeOffset? lastHandled, DateTimeOffset now)
    {
        var cron = Cron(subscription);
        var after = lastHandled is { } last && last > subscription.CreatedAt ? last : subscription.CreatedAt;
        DateTimeOffset? due = null;
        for (var next = cron.GetNextValidTimeAfter(after); next is { } n && n <= now; next = cron.GetNextValidTimeAfter(n))
            due = n;
        return due;
    }

    /// <summary>The next occurrence after now, for the page.</summary>
    public DateTimeOffset? Next(Subscription subscription) =>
        Cron(subscription).GetNextValidTimeAfter(time.GetUtcNow());

    private CronExpression Cron(Subscription subscription) => new(subscription.Schedule, TimeZoneInfo.FindSystemTimeZoneById(reporting.Value.TimeZone));
}

/// <summary>The dispatcher on the scheduler: every minute by default, and once at start.</summary>
[DisallowConcurrentExecution]
public sealed class SubscriptionDispatchJob(SubscriptionDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("reports-dispatch");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.RunDueAsync(cancellationToken);
}
