namespace Complaints.Warehouse;

/// <summary>
/// The shared filters of pages and API. Dates are inclusive days of receipt in the reporting time zone.
/// Later filters (product, line, channel…) join here so every query narrows the same way.
/// </summary>
public sealed record ComplaintFilter(DateOnly? From = null, DateOnly? To = null)
{
    public static readonly ComplaintFilter All = new();

    /// <summary>A predicate over <c>complaints c</c>; bind its values with <see cref="Parameters"/>.</summary>
    public const string Predicate = """
        (CAST($from AS DATE) IS NULL OR CAST(timezone($tz, c.received_at) AS DATE) >= CAST($from AS DATE))
        AND (CAST($to AS DATE) IS NULL OR CAST(timezone($tz, c.received_at) AS DATE) <= CAST($to AS DATE))
        """;

    public (string Name, object? Value)[] Parameters(string timeZone) =>
        [("from", From?.ToDateTime(TimeOnly.MinValue)), ("to", To?.ToDateTime(TimeOnly.MinValue)), ("tz", timeZone)];
}
