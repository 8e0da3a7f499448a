namespace Complaints.Warehouse;

/// <summary>
/// One field of <see cref="ComplaintFilter"/> as it travels outside the warehouse: its name in a URL, the kind of value
/// it holds (which decides how it is read, written and described), whether it is a drill-down rather than a filter-bar
/// control, and how it is read from and set on a filter.
/// </summary>
public sealed record FilterField(
    string Name, FilterValueKind Kind, bool IsDrillDown,
    Func<ComplaintFilter, object?> Get, Func<ComplaintFilter, object?, ComplaintFilter> Set);

/// <summary>What a filter field holds.</summary>
public enum FilterValueKind
{
    /// <summary>A local day, <c>yyyy-MM-dd</c>.</summary>
    Day,
    /// <summary>A code or name as stored (product SKU, channel, …).</summary>
    Text,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Flag,
    /// <summary>An <see cref="SlaBreach"/> by its URL name.</summary>
    Breach,
    /// <summary>One of <see cref="ComplaintFilter.AgeBuckets"/>.</summary>
    AgeBucket,
    /// <summary>An ISO 8601 instant with its offset.</summary>
    Instant,
}
