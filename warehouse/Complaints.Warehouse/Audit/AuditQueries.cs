using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Audit;

/// <summary>
/// What the Audit page filters the trail by: who (exact actor), what (exact action), the subject (any part of it,
/// ignoring case) and the period (days, inclusive, in the reporting time zone).
/// </summary>
public sealed record AuditTrailFilter(string? Actor = null, string? Action = null, string? Subject = null, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly AuditTrailFilter All = new();
}

public sealed record AuditTrailPage(IReadOnlyList<AuditEntry> Entries, long Total, int Page, int PageSize);

/// <summary>The trail as auditors read it: newest first, filtered, paged; and the actors and actions there are to choose from.</summary>
public sealed class AuditQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting)
{
    public const int PageSize = 100;

    private const string Where = """
        WHERE ($actor IS NULL OR actor = $actor)
          AND ($action IS NULL OR action = $action)
          AND ($subject IS NULL OR contains(lower(subject), lower($subject)))
          AND ($from IS NULL OR occurred_at >= CAST($from AS TIMESTAMPTZ))
          AND ($to IS NULL OR occurred_at < CAST($to AS TIMESTAMPTZ))
        """;

    public AuditTrailPage Trail(AuditTrailFilter filter, int page = 1)
    {
        page = Math.Max(1, page);
        using var connection = warehouse.OpenConnection();
        var parameters = Parameters(filter);
        var total = connection.Scalar<long>($"SELECT count(*) FROM audit_log {Where}", parameters);
        var entries = connection.QueryList(
            $"SELECT seq, occurred_at, actor, action, subject, before_json, after_json, prev_hash, hash FROM audit_log {Where} ORDER BY seq DESC LIMIT $limit OFFSET $offset",
            AuditLog.Map, [.. parameters, ("limit", PageSize), ("offset", (long)(page - 1) * PageSize)]);
        return new AuditTrailPage(entries, total, page, PageSize);
    }

    public IReadOnlyList<string> Actors() => Distinct("actor");

    public IReadOnlyList<string> Actions() => Distinct("action");

    private IReadOnlyList<string> Distinct(string column)
    {
        using var connection = warehouse.OpenConnection();
        // The column name is one of two constants above, never user input.
        return connection.QueryList($"SELECT DISTINCT {column} FROM audit_log ORDER BY 1", r => r.GetString(0));
    }

    private (string, object?)[] Parameters(AuditTrailFilter filter)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(reporting.Value.TimeZone);
        return
        [
            ("actor", Blank(filter.Actor)), ("action", Blank(filter.Action)), ("subject", Blank(filter.Subject)),
            ("from", filter.From is { } from ? StartOf(from, zone) : null),
            ("to", filter.To is { } to ? StartOf(to.AddDays(1), zone) : null),
        ];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
