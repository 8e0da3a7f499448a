namespace Complaints.Ingest.Feeds;

/// <summary>One column of a canonical feed file: its header name, the DuckDB type it is read as, and whether a row needs it.</summary>
public sealed record FeedColumn(string Name, string DuckDbType, bool Required = false);

/// <summary>
/// The canonical layout of one feed: the columns every file of that feed has (in this order when we write them),
/// and the columns that identify a record. The feed's warehouse table has the feed's name.
/// </summary>
public sealed record FeedLayout(string Name, IReadOnlyList<string> Key, IReadOnlyList<FeedColumn> Columns)
{
    public IEnumerable<string> RequiredColumns => Columns.Where(c => c.Required).Select(c => c.Name);
}

/// <summary>
/// The canonical file layouts (docs/feeds.md describes them for people). Keys are (source, external_id);
/// timestamps are ISO 8601 with an offset; money carries an ISO 4217 code; codes are open lists.
/// </summary>
public static class FeedLayouts
{
    private const string Text = "VARCHAR";
    private const string Instant = "TIMESTAMPTZ";
    private static readonly string[] SourceKey = ["source", "external_id"];

    public static readonly FeedLayout Products = new("products", ["sku"],
    [
        new("sku", Text, Required: true),
        new("name", Text, Required: true),
        new("product_line", Text, Required: true),
        new("category", Text, Required: true),
        new("updated_at", Instant, Required: true),
    ]);

    public static readonly FeedLayout Complaints = new("complaints", SourceKey,
    [
        new("source", Text, Required: true),
        new("external_id", Text, Required: true),
        new("updated_at", Instant, Required: true),
        new("received_at", Instant, Required: true),
        new("first_response_at", Instant),
        new("resolved_at", Instant),
        new("answered_at", Instant),
        new("closed_at", Instant),
        new("status", Text, Required: true),
        new("priority", Text),
        new("complaint_type", Text),
        new("channel", Text),
        new("team", Text),
        new("handler", Text),
        new("registered_by", Text),
        new("product_sku", Text, Required: true),
        new("quantity", "INTEGER"),
        new("order_number", Text),
        new("invoice_number", Text),
        new("invoice_date", "DATE"),
        new("defect_category", Text),
        new("description", Text),
        new("customer_expectation", Text),
        new("decision", Text),
        new("warranty_status", Text),
        new("customer_id", Text),
        new("customer_segment", Text),
        new("customer_country", Text),
        new("customer_language", Text),
        new("customer_name", Text),
        new("customer_email", Text),
        new("customer_phone", Text),
    ]);

    public static readonly FeedLayout StatusEvents = new("status_events", SourceKey,
    [
        new("source", Text, Required: true),
        new("external_id", Text, Required: true),
        new("complaint_source", Text, Required: true),
        new("complaint_id", Text, Required: true),
        new("occurred_at", Instant, Required: true),
        new("from_status", Text),
        new("to_status", Text, Required: true),
        new("actor", Text),
        new("updated_at", Instant, Required: true),
    ]);

    public static readonly FeedLayout Costs = new("costs", SourceKey,
    [
        new("source", Text, Required: true),
        new("external_id", Text, Required: true),
        new("complaint_source", Text, Required: true),
        new("complaint_id", Text, Required: true),
        new("cost_type", Text, Required: true),
        new("amount", "DECIMAL(18,2)", Required: true),
        new("currency", Text, Required: true),
        new("booked_on", "DATE", Required: true),
        new("updated_at", Instant, Required: true),
    ]);

    public static readonly FeedLayout Surveys = new("surveys", SourceKey,
    [
        new("source", Text, Required: true),
        new("external_id", Text, Required: true),
        new("complaint_source", Text, Required: true),
        new("complaint_id", Text, Required: true),
        new("answered_at", Instant, Required: true),
        new("csat", "INTEGER"),
        new("nps", "INTEGER"),
        new("comment", Text),
        new("updated_at", Instant, Required: true),
    ]);

    /// <summary>Units sold of one product in one calendar month (month is its first day), so complaints can be put per 1,000 units.</summary>
    public static readonly FeedLayout UnitsSold = new("units_sold", ["sku", "month"],
    [
        new("sku", Text, Required: true),
        new("month", "DATE", Required: true),
        new("units", "BIGINT", Required: true),
        new("updated_at", Instant, Required: true),
    ]);

    /// <summary>Units of the reporting currency per one unit of a currency, for one calendar month (month is its first day).</summary>
    public static readonly FeedLayout ExchangeRates = new("exchange_rates", ["currency", "month"],
    [
        new("currency", Text, Required: true),
        new("month", "DATE", Required: true),
        new("rate", "DECIMAL(18,6)", Required: true),
        new("updated_at", Instant, Required: true),
    ]);

    /// <summary>In load order: reference data first, complaints before what refers to them.</summary>
    public static readonly IReadOnlyList<FeedLayout> All = [Products, UnitsSold, ExchangeRates, Complaints, StatusEvents, Costs, Surveys];

    public static FeedLayout? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
