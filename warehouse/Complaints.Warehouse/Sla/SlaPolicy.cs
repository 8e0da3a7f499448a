namespace Complaints.Warehouse.Sla;

/// <summary>A target duration and how it is counted.</summary>
public sealed record SlaTarget(TimeSpan Duration, SlaClockMode Mode)
{
    public static SlaTarget Statutory { get; } = new(TimeSpan.Zero, SlaClockMode.StatutoryDeadline);
}

/// <summary>The attributes SLA rules match on, as canonical codes (see docs/feeds.md).</summary>
public sealed record ComplaintAttributes(
    string? Segment = null,
    string? Priority = null,
    string? ProductLine = null,
    string? Product = null,
    string? Channel = null,
    string? ComplaintType = null);

/// <summary>
/// One SLA rule: the complaints it matches (a null criterion matches anything) and the targets it
/// sets. A missing first-response target means the policy promises none.
/// </summary>
public sealed record SlaPolicy(string Name, SlaTarget? FirstResponse, SlaTarget Resolution)
{
    public const string StatutoryDefaultName = "statutory";

    /// <summary>Used when no rule matches: no first-response promise, resolution by the statutory deadline.</summary>
    public static SlaPolicy StatutoryDefault { get; } = new(StatutoryDefaultName, null, SlaTarget.Statutory);

    public string? Segment { get; init; }
    public string? Priority { get; init; }
    public string? ProductLine { get; init; }
    public string? Product { get; init; }
    public string? Channel { get; init; }
    public string? ComplaintType { get; init; }

    /// <summary>Statuses during which this policy's clocks stop (e.g. waiting_for_customer).</summary>
    public IReadOnlySet<string> PausingStatuses { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public bool Matches(ComplaintAttributes complaint) =>
        Accepts(Segment, complaint.Segment)
        && Accepts(Priority, complaint.Priority)
        && Accepts(ProductLine, complaint.ProductLine)
        && Accepts(Product, complaint.Product)
        && Accepts(Channel, complaint.Channel)
        && Accepts(ComplaintType, complaint.ComplaintType);

    // Codes are compared case-insensitively: feeds spell them in lower case, administrators may not.
    private static bool Accepts(string? wanted, string? actual) =>
        wanted is null || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The complete list of rules in force from <see cref="ValidFrom"/> until the next version. A new
/// version replaces the whole list, so the order that decides "first match wins" is never mixed
/// across versions.
/// </summary>
public sealed record SlaPolicyVersion(DateTimeOffset ValidFrom, IReadOnlyList<SlaPolicy> Policies);

/// <summary>The policy a complaint is measured against, and the version it came from (null for the statutory default).</summary>
public sealed record SlaAssignment(SlaPolicy Policy, DateTimeOffset? VersionValidFrom)
{
    public bool IsStatutoryDefault => VersionValidFrom is null;
}

/// <summary>All policy versions; picks the version in force at receipt and its first matching rule.</summary>
public sealed class SlaPolicySet
{
    private readonly SlaPolicyVersion[] _versions;

    public SlaPolicySet(IEnumerable<SlaPolicyVersion> versions)
    {
        _versions = [.. versions.OrderBy(v => v.ValidFrom)];
        if (_versions.Zip(_versions.Skip(1)).FirstOrDefault(p => p.First.ValidFrom == p.Second.ValidFrom) is ({ } twice, _))
            throw new ArgumentException($"Two policy versions are valid from {twice.ValidFrom:O}.", nameof(versions));
    }

    public static SlaPolicySet Empty { get; } = new([]);

    public IReadOnlyList<SlaPolicyVersion> Versions => _versions;

    /// <summary>
    /// Receipt time decides the version, so changing a policy later never rewrites the targets of
    /// complaints already received.
    /// </summary>
    public SlaAssignment For(ComplaintAttributes complaint, DateTimeOffset receivedAt)
    {
        // Plain loops: this runs once per complaint measured, millions of times in a first load.
        for (var v = _versions.Length - 1; v >= 0; v--)
        {
            if (_versions[v].ValidFrom > receivedAt)
                continue;
            foreach (var policy in _versions[v].Policies)
                if (policy.Matches(complaint))
                    return new SlaAssignment(policy, _versions[v].ValidFrom);
            break;
        }
        return StatutoryDefault;
    }

    private static readonly SlaAssignment StatutoryDefault = new(SlaPolicy.StatutoryDefault, null);
}
