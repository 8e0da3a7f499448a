using System.ComponentModel.DataAnnotations;
using Complaints.Ingest.Feeds;
using Quartz;

namespace Complaints.Ingest;

public sealed class IngestOptions : IValidatableObject
{
    public const string Section = "Ingest";

    /// <summary>Folder holding one folder per feed, each with inbox/, archive/ and failed/. Relative paths resolve against the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Root { get; set; } = "data/ingest";

    /// <summary>Quartz cron expression per feed name (seconds first), e.g. "0 */5 * * * ?" for every five minutes. A feed without one is not polled.</summary>
    public Dictionary<string, string> Schedules { get; set; } = [];

    /// <summary>API key per feed name for <c>POST /api/ingest/{feed}</c>. A feed without a key takes no uploads.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = [];

    /// <summary>
    /// Mapping profile per feed name for files dropped into that feed's inbox: a shipped profile's name or a path (relative
    /// paths resolve against the content root). A feed without one takes canonical files. Checked at start.
    /// </summary>
    public Dictionary<string, string> Profiles { get; set; } = [];

    /// <summary>Share of a file's rows that may be bad before the whole file is rejected (quarantine arrives with the ingest issue).</summary>
    [Range(0.0, 1.0)]
    public double MaxRejectedShare { get; set; } = 0.05;

    /// <summary>Largest file <c>POST /api/ingest/{feed}</c> takes, in megabytes; bigger files go through the inbox or the command line.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Ingest:MaxUploadMegabytes must be a whole number of megabytes from 1 to 1000000.")]
    public int MaxUploadMegabytes { get; set; } = 2048;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (feed, cron) in Schedules)
        {
            if (FeedLayouts.Find(feed) is null)
                yield return new ValidationResult($"Ingest:Schedules:{feed} names no feed; feeds are {string.Join(", ", FeedLayouts.All.Select(f => f.Name))}.");
            else if (!CronExpression.TryParse(cron, out _))
                yield return new ValidationResult($"Ingest:Schedules:{feed} '{cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 */5 * * * ?\").");
        }
        foreach (var (feed, key) in ApiKeys)
        {
            if (FeedLayouts.Find(feed) is null)
                yield return new ValidationResult($"Ingest:ApiKeys:{feed} names no feed; feeds are {string.Join(", ", FeedLayouts.All.Select(f => f.Name))}.");
            else if (key.Length < 16)
                yield return new ValidationResult($"Ingest:ApiKeys:{feed} is shorter than 16 characters; use a long random key.");
        }
    }
}
