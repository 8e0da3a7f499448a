namespace Complaints.Dashboards.Access;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The key administrator actions (roll back a run, recalculate SLA measures) must carry. None: those actions are off.</summary>
    public string? ApiKey { get; set; }
}
