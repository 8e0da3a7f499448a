using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Complaints.Dashboards.Scheduling;

/// <summary>
/// Where the host's Quartz scheduler keeps its schedule: in memory (one host, the default), or clustered over a shared
/// PostgreSQL job store, so several hosts share the ingest and model schedules and each firing runs on one of them.
/// </summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    /// <summary>Take part in a cluster of hosts over the PostgreSQL job store named by <see cref="ConnectionString"/>.</summary>
    public bool Clustered { get; set; }

    /// <summary>The PostgreSQL job store (Npgsql connection string); set it outside the repo, <c>Scheduler__ConnectionString=…</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The cluster's name: every host of one cluster uses the same name (and job store).</summary>
    [Required] public string InstanceName { get; set; } = "complaints";

    /// <summary>How often a host records in the job store that it is alive.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long past a missed check-in the others wait before they take over a host's running jobs.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The clustered store can be configured from these settings (they pass <see cref="Validate"/>).</summary>
    public bool UsesClusteredStore => Clustered && !Validate(new ValidationContext(this)).Any();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CheckinInterval <= TimeSpan.Zero)
            yield return new ValidationResult($"{Section}:{nameof(CheckinInterval)} must be a positive time span (hh:mm:ss), e.g. 00:00:10.", [nameof(CheckinInterval)]);
        if (CheckinMisfireThreshold <= TimeSpan.Zero)
            yield return new ValidationResult($"{Section}:{nameof(CheckinMisfireThreshold)} must be a positive time span (hh:mm:ss), e.g. 00:00:20.", [nameof(CheckinMisfireThreshold)]);
        if (!Clustered)
            yield break;
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(ConnectionString)} is empty, and {Section}:{nameof(Clustered)} is true: name the PostgreSQL job store the hosts share " +
                "(e.g. Host=db;Database=quartz;Username=complaints;Password=…), or set Clustered to false.", [nameof(ConnectionString)]);
            yield break;
        }
        if (ConnectionProblem(ConnectionString) is { } problem)
            yield return new ValidationResult($"{Section}:{nameof(ConnectionString)} {problem}", [nameof(ConnectionString)]);
    }

    /// <summary>The connection string's flaw in words, without repeating it (it may hold a password).</summary>
    private static string? ConnectionProblem(string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return $"is not a PostgreSQL connection string ({e.Message.TrimEnd('.')}); write it as Key=Value pairs separated by ';', e.g. Host=db;Database=quartz;Username=complaints.";
        }
        return string.IsNullOrWhiteSpace(parsed.Host)
            ? "names no Host: add Host=<the PostgreSQL server> (e.g. Host=db;Database=quartz;Username=complaints)."
            : null;
    }
}
