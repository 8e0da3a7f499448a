namespace Complaints.Models.Risk;

/// <summary>
/// One complaint as it stood at one instant: the inputs of the risk model (only what was known then) and, for
/// training and testing, whether it went on to miss its deadlines. Mutable properties because ML.NET reads it.
/// </summary>
public sealed class RiskSnapshot
{
    public long ComplaintKey { get; set; }
    public DateTimeOffset AsOf { get; set; }

    public string ProductLine { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Segment { get; set; } = "";
    public string Priority { get; set; } = "";
    public string ComplaintType { get; set; } = "";
    public string Expectation { get; set; } = "";
    public string Status { get; set; } = "";

    public float AgeHours { get; set; }
    public float AllowedHours { get; set; }
    public float Responded { get; set; }
    public float StatusChanges { get; set; }
    public float HoursInStatus { get; set; }
    public float BacklogAtReceipt { get; set; }
    public float BacklogNow { get; set; }
    public float DescriptionLength { get; set; }

    /// <summary>The simple rule the model must beat: the share of the allowed time already used.</summary>
    public float RuleShare => AllowedHours <= 0 ? 1 : AgeHours / AllowedHours;

    public bool? StatutoryMissed { get; set; }
    public bool? ResolutionMissed { get; set; }
    public DateTimeOffset StatutoryDueAt { get; set; }
    public DateTimeOffset? ResolutionDueAt { get; set; }

    public bool? Missed(RiskTarget target) => target == RiskTarget.Statutory ? StatutoryMissed : ResolutionMissed;

    public DateTimeOffset? DueAt(RiskTarget target) => target == RiskTarget.Statutory ? StatutoryDueAt : ResolutionDueAt;

    public RiskSnapshot Copy() => (RiskSnapshot)MemberwiseClone();
}

/// <summary>The deadline a score is about.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RiskTarget>))]
public enum RiskTarget
{
    /// <summary>The statutory answer deadline (14 days by default).</summary>
    Statutory,
    /// <summary>The resolution target of the complaint's SLA policy.</summary>
    Resolution,
}
