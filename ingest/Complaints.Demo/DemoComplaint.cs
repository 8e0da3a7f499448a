namespace Complaints.Demo;

/// <param name="EnteredAt">When the change reached the ticketing system, if later than it happened (a change keyed in afterwards).</param>
internal readonly record struct DemoStatusChange(DateTime At, string Status, string Actor, DateTime? EnteredAt = null);

internal readonly record struct DemoCost(string Type, decimal Amount, string Currency, DateOnly BookedOn, DateTime UpdatedAt);

internal readonly record struct DemoSurvey(DateTime AnsweredAt, int? Csat, int? Nps, string? Comment);

/// <summary>
/// One simulated complaint with everything that hangs off it. The simulator refills a single instance for
/// every complaint, so memory stays flat however many are generated. Instants are UTC.
/// </summary>
internal sealed class DemoComplaint
{
    public string ExternalId { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string Status { get; set; } = "";
    public string Priority { get; set; } = "";
    public string Type { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Team { get; set; } = "";
    public string? Handler { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DemoProduct Product { get; set; } = null!;
    public int? Quantity { get; set; }
    public string? OrderNumber { get; set; }
    public string? InvoiceNumber { get; set; }
    public DateOnly? InvoiceDate { get; set; }
    public string DefectCategory { get; set; } = "";
    public string Description { get; set; } = "";
    public string Expectation { get; set; } = "";
    public string? Decision { get; set; }
    public string Warranty { get; set; } = "";
    public DemoCustomer Customer { get; set; } = null!;

    /// <summary>Status changes up to the end of the last day, oldest first; the first one is the arrival as <c>new</c>.</summary>
    public List<DemoStatusChange> History { get; } = new(16);
    public List<DemoCost> Costs { get; } = new(3);
    public DemoSurvey? Survey { get; set; }
}
