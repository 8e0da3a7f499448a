namespace Complaints.Warehouse.AuditReports;

/// <summary>
/// What an audit report covers: complaints received on the period's days (<see cref="ComplaintFilter.From"/> and
/// <see cref="ComplaintFilter.To"/>, both set) narrowed by the rest of the shared filter, judged at <see cref="AsOf"/>.
/// A reproduced report reads the complaints and their SLA measures as the warehouse held them at that instant.
/// </summary>
public sealed record AuditReportScope(ComplaintFilter Filter, DateTimeOffset AsOf, bool Reproduced)
{
    public DateOnly From => Filter.From ?? throw new InvalidOperationException("An audit report needs a period.");

    public DateOnly To => Filter.To ?? throw new InvalidOperationException("An audit report needs a period.");

    /// <summary>
    /// The scope of a request: the period is the filter's from and to (both required); its as-of instant, when given and in
    /// the past, asks for the report as the warehouse stood then. Returns null with the problem in words otherwise.
    /// </summary>
    public static AuditReportScope? Of(ComplaintFilter filter, DateTimeOffset now, out string? problem)
    {
        problem = null;
        if (filter.From is null || filter.To is null)
        {
            problem = "An audit report covers a period: give both 'from' and 'to' (days, yyyy-MM-dd).";
            return null;
        }
        if (filter.AsOf is { } asOf && asOf > now)
        {
            problem = $"'asof' ({asOf:yyyy-MM-dd HH:mm:ss zzz}) is in the future: a report can be reproduced only as of a past instant.";
            return null;
        }
        // Microseconds, as the warehouse stores instants, so a report reproduced as of its issue time judges the same instant.
        var at = filter.AsOf ?? now;
        at = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
        return new AuditReportScope(filter with { AsOf = at }, at, filter.AsOf is not null);
    }

    /// <summary>The shared filter without the period and the instant, as a query string (for the log and the cover).</summary>
    public string FilterQuery => string.Join("&", (Filter with { From = null, To = null, AsOf = null }).ToQuery()
        .Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}"));
}
