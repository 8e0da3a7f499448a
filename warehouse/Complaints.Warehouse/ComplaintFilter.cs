namespace Complaints.Warehouse;

/// <summary>
/// The shared filters of every page, API and export: days of receipt (inclusive, in the reporting time zone) and
/// the complaint's product, product line, defect category, channel, customer segment, country and status.
/// Every query narrows through <see cref="Predicate"/>, so a figure and the list behind it always agree.
/// </summary>
public sealed record ComplaintFilter(
    DateOnly? From = null, DateOnly? To = null,
    string? Product = null, string? Line = null, string? Category = null, string? Channel = null,
    string? Segment = null, string? Country = null, string? Status = null)
{
    public static readonly ComplaintFilter All = new();

    /// <summary>
    /// A predicate over <c>complaints c</c> with a clause for each filter that is set (an empty filter is TRUE);
    /// bind its values with <see cref="Parameters"/>. Clauses for unset filters are left out rather than made
    /// no-ops: DuckDB would still run their subqueries, which made every figure 2–5× slower at a million rows.
    /// The SQL text comes only from the constants below; values are always bound parameters.
    /// </summary>
    public string Predicate
    {
        get
        {
            var clauses = new List<string>();
            if (From is not null) clauses.Add("c.received_at >= CAST($from_instant AS TIMESTAMPTZ)");
            if (To is not null) clauses.Add("c.received_at < CAST($to_instant AS TIMESTAMPTZ)");
            if (Product is not null) clauses.Add("c.product_sku = $product");
            if (Line is not null) clauses.Add("c.product_sku IN (SELECT p.sku FROM products p WHERE p.product_line = $line)");
            if (Category is not null) clauses.Add("c.defect_category = $category");
            if (Channel is not null) clauses.Add("c.channel = $channel");
            if (Segment is not null) clauses.Add("(c.source, c.customer_id) IN (SELECT cu.source, cu.customer_id FROM customers cu WHERE cu.segment = $segment)");
            if (Country is not null) clauses.Add("(c.source, c.customer_id) IN (SELECT cu.source, cu.customer_id FROM customers cu WHERE cu.country = $country)");
            if (Status is not null) clauses.Add("c.status = $status");
            return clauses.Count == 0 ? "TRUE" : "(" + string.Join(" AND ", clauses) + ")";
        }
    }

    /// <summary>
    /// Values for every name <see cref="Predicate"/> may use (DuckDB ignores the ones a query does not).
    /// The day bounds become instants once, here: local midnight of <see cref="From"/> and of the day after
    /// <see cref="To"/> in the reporting zone (DST-aware), so the warehouse compares timestamps instead of
    /// converting every row's time zone. <c>$tz</c> is bound too, for queries that bucket by local date.
    /// </summary>
    public (string Name, object? Value)[] Parameters(string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        return
        [
            ("from_instant", StartOfDay(From, zone)), ("to_instant", StartOfDay(To?.AddDays(1), zone)), ("tz", timeZone),
            ("product", Product), ("line", Line), ("category", Category), ("channel", Channel),
            ("segment", Segment), ("country", Country), ("status", Status),
        ];
    }

    private static DateTimeOffset? StartOfDay(DateOnly? day, TimeZoneInfo zone)
    {
        if (day is not { } d)
            return null;
        var local = d.ToDateTime(TimeOnly.MinValue);
        // Midnight can fall in a DST gap in some zones; the day then starts at the first valid minute.
        while (zone.IsInvalidTime(local))
            local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
