using Microsoft.ML.Data;

namespace Complaints.Models.Risk;

/// <summary>
/// One complaint as it stood at one instant: the inputs of the risk model (only what was known then) and, for
/// training and testing, whether it went on to miss its deadlines. ML.NET reads it as it is (hence mutable
/// properties); what is not an input is marked [NoColumn].
/// </summary>
public sealed class RiskSnapshot
{
    [NoColumn] public long ComplaintKey { get; set; }
    [NoColumn] public DateTimeOffset AsOf { get; set; }

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
    [NoColumn] public float RuleShare => AllowedHours <= 0 ? 1 : AgeHours / AllowedHours;

    [NoColumn] public bool? StatutoryMissed { get; set; }
    [NoColumn] public bool? ResolutionMissed { get; set; }
    [NoColumn] public DateTimeOffset StatutoryDueAt { get; set; }
    [NoColumn] public DateTimeOffset? ResolutionDueAt { get; set; }

    /// <summary>The outcome a model is trained on: set on the training copies, from <see cref="Missed"/> of the model's target.</summary>
    public bool Label { get; set; }

    public RiskSnapshot Labelled(RiskTarget target)
    {
        var copy = Copy();
        copy.Label = Missed(target) ?? throw new InvalidOperationException($"Complaint {ComplaintKey} has no known outcome at {AsOf:u}.");
        return copy;
    }

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
