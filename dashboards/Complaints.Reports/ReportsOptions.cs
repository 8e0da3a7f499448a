using System.ComponentModel.DataAnnotations;
using Quartz;

namespace Complaints.Reports;

/// <summary>Scheduled delivery: how often due subscriptions are looked for, and how a transient mail failure is retried.</summary>
public sealed class ReportsOptions : IValidatableObject
{
    public const string Section = "Reports";

    /// <summary>Quartz cron of the dispatcher that sends what is due (every minute); it also runs once at start, for deliveries missed while down.</summary>
    public string DispatchSchedule { get; set; } = "0 * * ? * *";

    /// <summary>Attempts per delivery, the first included.</summary>
    [Range(1, 10)]
    public int Attempts { get; set; } = 4;

    /// <summary>Wait before the second attempt; it doubles before each next one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(DispatchSchedule, out _))
            yield return new ValidationResult($"Reports:DispatchSchedule '{DispatchSchedule}' is not a Quartz cron expression (seconds first), e.g. '0 * * ? * *'.", [nameof(DispatchSchedule)]);
        if (RetryDelay < TimeSpan.Zero)
            yield return new ValidationResult("Reports:RetryDelay must not be negative.", [nameof(RetryDelay)]);
    }
}
