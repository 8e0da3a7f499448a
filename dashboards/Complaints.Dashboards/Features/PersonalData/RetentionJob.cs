using System.ComponentModel.DataAnnotations;
using Complaints.Warehouse.PersonalData;
using Quartz;

namespace Complaints.Dashboards.Features.PersonalData;

/// <summary>Retention (<c>PersonalData:*</c>): personal data not updated for <see cref="RetentionDays"/> is erased by the schedule.</summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary>Days personal data is kept after its last update; none: kept until erased on request.</summary>
    [Range(30, 36_500)] public int? RetentionDays { get; set; }

    /// <summary>When the retention job runs (Quartz cron, reporting time zone).</summary>
    public string RetentionSchedule { get; set; } = "0 30 2 * * ?";
}

/// <summary>Erases personal data past its retention period, daily; the audit log says how many and whose (by ids).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(PersonalDataStore store, Microsoft.Extensions.Options.IOptions<PersonalDataOptions> options, TimeProvider time, ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("personal-data-retention");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (options.Value.RetentionDays is not { } days)
            return;
        var erased = await store.EraseOlderThanAsync(time.GetUtcNow().AddDays(-days), "retention schedule", cancellationToken);
        if (erased > 0)
            logger.LogInformation("Retention erased the personal data of {Customers} customers not updated for {Days} days", erased, days);
    }
}
