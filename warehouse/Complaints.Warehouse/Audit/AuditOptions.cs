using System.ComponentModel.DataAnnotations;

namespace Complaints.Warehouse.Audit;

/// <summary>How the audit trail's head is anchored outside the warehouse, and how often it is checked.</summary>
public sealed class AuditOptions : IValidatableObject
{
    public const string Section = "Audit";

    /// <summary>The HMAC-SHA256 key checkpoints are signed with; kept outside the warehouse and the repository (environment, secret store).</summary>
    public string? CheckpointKey { get; set; }

    /// <summary>
    /// Without a key, checkpoints are written unsigned and every page and command says so. Off by default: a host
    /// in Production without a key refuses to start; Development and test hosts turn it on (see AddWarehouse).
    /// </summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>The append-only checkpoint file; relative paths resolve against the content root; empty: beside the warehouse file.</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Quartz cron (seconds first), in the reporting time zone: a checkpoint even without writes.</summary>
    [Required] public string CheckpointSchedule { get; set; } = "0 0 * * * ?";

    /// <summary>Quartz cron: verify the whole trail against the checkpoints and alert when it is broken.</summary>
    [Required] public string VerifySchedule { get; set; } = "0 30 2 * * ?";

    /// <summary>Who is told when verification finds the trail broken; empty: the model alerts' recipients (<c>Alerts:Recipients</c>).</summary>
    public List<string> AlertRecipients { get; set; } = [];

    public const int MinimumKeyLength = 32;

    public byte[]? KeyBytes => string.IsNullOrEmpty(CheckpointKey) ? null : System.Text.Encoding.UTF8.GetBytes(CheckpointKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(CheckpointKey) && !AllowUnsigned)
            yield return new ValidationResult($"{Section}:CheckpointKey is not set: audit checkpoints must be signed with a key the warehouse does not hold " +
                $"(at least {MinimumKeyLength} characters, e.g. from `openssl rand -base64 32`, set as the environment variable Audit__CheckpointKey), " +
                $"or set {Section}:AllowUnsigned=true to run with unsigned checkpoints.", [nameof(CheckpointKey)]);
        else if (!string.IsNullOrEmpty(CheckpointKey) && CheckpointKey.Length < MinimumKeyLength)
            yield return new ValidationResult($"{Section}:CheckpointKey is {CheckpointKey.Length} characters long; it needs at least {MinimumKeyLength} (e.g. `openssl rand -base64 32`).", [nameof(CheckpointKey)]);
        foreach (var (name, cron) in new[] { (nameof(CheckpointSchedule), CheckpointSchedule), (nameof(VerifySchedule), VerifySchedule) })
            if (!Quartz.CronExpression.TryParse(cron, out _))
                yield return new ValidationResult($"{Section}:{name} '{cron}' is not a Quartz cron expression (seconds first, e.g. '0 0 * * * ?').", [name]);
    }

    /// <summary>The checkpoint file: the configured path against the content root, or beside the warehouse file.</summary>
    public string ResolveCheckpointPath(string contentRoot, string warehousePath) => string.IsNullOrWhiteSpace(CheckpointPath)
        ? DefaultCheckpointPath(warehousePath)
        : Path.GetFullPath(Path.Combine(contentRoot, CheckpointPath));

    public static string DefaultCheckpointPath(string warehousePath) => Path.GetFullPath(warehousePath) + ".audit-checkpoints";
}
