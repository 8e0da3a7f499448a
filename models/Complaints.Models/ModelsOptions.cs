using System.ComponentModel.DataAnnotations;

namespace Complaints.Models;

/// <summary>When the models retrain and refresh, and what counts as high risk.</summary>
public sealed class ModelsOptions : IValidatableObject
{
    public const string Section = "Models";

    /// <summary>Quartz cron (seconds first), in the reporting time zone: when the risk models retrain.</summary>
    [Required] public string TrainingSchedule { get; set; } = "0 0 3 ? * MON";

    /// <summary>Quartz cron: how often to look for new loads and refresh signals and scores (and at least hourly, since ages change).</summary>
    [Required] public string RefreshSchedule { get; set; } = "0 * * * * ?";

    /// <summary>The generator seed of training, so a retraining on the same data gives the same model.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>A probability of missing the deadline at or above this is high risk (alerts, the page's highlight).</summary>
    [Range(0.01, 0.99)] public double HighRisk { get; set; } = 0.5;

    /// <summary>Where alert messages are written when no SMTP server is configured; relative to the content root.</summary>
    [Required] public string Outbox { get; set; } = "data/outbox";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, cron) in new[] { (nameof(TrainingSchedule), TrainingSchedule), (nameof(RefreshSchedule), RefreshSchedule) })
            if (!Quartz.CronExpression.TryParse(cron, out _))
                yield return new ValidationResult($"{Section}:{name} '{cron}' is not a Quartz cron expression (seconds first, e.g. '0 0 3 ? * MON').", [name]);
    }
}
