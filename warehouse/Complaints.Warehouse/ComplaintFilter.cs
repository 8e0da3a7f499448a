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

    /// <summary>A predicate over <c>complaints c</c>; bind its values with <see cref="Parameters"/>. A NULL value means "any".</summary>
    public const string Predicate = """
        (CAST($from_instant AS TIMESTAMPTZ) IS NULL OR c.received_at >= CAST($from_instant AS TIMESTAMPTZ))
        AND (CAST($to_instant AS TIMESTAMPTZ) IS NULL OR c.received_at < CAST($to_instant AS TIMESTAMPTZ))
        AND (CAST($product AS VARCHAR) IS NULL OR c.product_sku = $product)
        AND (CAST($line AS VARCHAR) IS NULL OR c.product_sku IN (SELECT p.sku FROM products p WHERE p.product_line = $line))
        AND (CAST($category AS VARCHAR) IS NULL OR c.defect_category = $category)
        AND (CAST($channel AS VARCHAR) IS NULL OR c.channel = $channel)
        AND (CAST($segment AS VARCHAR) IS NULL OR (c.source, c.customer_id) IN (SELECT cu.source, cu.customer_id FROM customers cu WHERE cu.segment = $segment))
        AND (CAST($country AS VARCHAR) IS NULL OR (c.source, c.customer_id) IN (SELECT cu.source, cu.customer_id FROM customers cu WHERE cu.country = $country))
        AND (CAST($status AS VARCHAR) IS NULL OR c.status = $status)
        """;

    /// <summary>
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
