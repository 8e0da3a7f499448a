namespace Complaints.Warehouse;

/// <summary>
/// The shared filters of every page, API and export: days of receipt (inclusive, in the reporting time zone) and
/// the complaint's product, product line, defect category, channel, customer segment, country and status.
/// Every query narrows through <see cref="Predicate"/>, so a figure and the list behind it always agree.
/// The drill-down filters narrow to the complaints behind one bar: team, SLA breach and open-age bucket (judged as of
/// <see cref="AsOf"/>, as the SLA figures are), resolved or not, with costs (of a type), with a survey answer.
/// </summary>
public sealed record ComplaintFilter(
    DateOnly? From = null, DateOnly? To = null,
    string? Product = null, string? Line = null, string? Category = null, string? Channel = null,
    string? Segment = null, string? Country = null, string? Status = null,
    string? Team = null, SlaBreach? Breached = null, string? Age = null, bool? Resolved = null,
    bool? Costed = null, string? CostType = null, bool? Surveyed = null, DateTimeOffset? AsOf = null)
{
    public static readonly ComplaintFilter All = new();

    /// <summary>
    /// Every field by its URL name, in the order a person reads them. Pages, the API, links, exports and reports read,
    /// write and describe a filter through this list only: a new field is one line here, its clause in
    /// <see cref="Predicate"/>, and its label.
    /// </summary>
    public static readonly IReadOnlyList<FilterField> Fields =
    [
        new("from", FilterValueKind.Day, false, f => f.From, (f, v) => f with { From = (DateOnly?)v }),
        new("to", FilterValueKind.Day, false, f => f.To, (f, v) => f with { To = (DateOnly?)v }),
        new("line", FilterValueKind.Text, false, f => f.Line, (f, v) => f with { Line = (string?)v }),
        new("product", FilterValueKind.Text, false, f => f.Product, (f, v) => f with { Product = (string?)v }),
        new("category", FilterValueKind.Text, false, f => f.Category, (f, v) => f with { Category = (string?)v }),
        new("channel", FilterValueKind.Text, false, f => f.Channel, (f, v) => f with { Channel = (string?)v }),
        new("segment", FilterValueKind.Text, false, f => f.Segment, (f, v) => f with { Segment = (string?)v }),
        new("country", FilterValueKind.Text, false, f => f.Country, (f, v) => f with { Country = (string?)v }),
        new("status", FilterValueKind.Text, false, f => f.Status, (f, v) => f with { Status = (string?)v }),
        new("team", FilterValueKind.Text, true, f => f.Team, (f, v) => f with { Team = (string?)v }),
        new("breached", FilterValueKind.Breach, true, f => f.Breached, (f, v) => f with { Breached = (SlaBreach?)v }),
        new("age", FilterValueKind.AgeBucket, true, f => f.Age, (f, v) => f with { Age = (string?)v }),
        new("resolved", FilterValueKind.Flag, true, f => f.Resolved, (f, v) => f with { Resolved = (bool?)v }),
        new("costed", FilterValueKind.Flag, true, f => f.Costed, (f, v) => f with { Costed = (bool?)v }),
        new("cost_type", FilterValueKind.Text, true, f => f.CostType, (f, v) => f with { CostType = (string?)v }),
        new("surveyed", FilterValueKind.Flag, true, f => f.Surveyed, (f, v) => f with { Surveyed = (bool?)v }),
        new("asof", FilterValueKind.Instant, true, f => f.AsOf, (f, v) => f with { AsOf = (DateTimeOffset?)v }),
    ];

    /// <summary>
    /// The filter a query string asks for (<paramref name="valueOf"/> gives a field's text by its URL name; empty
    /// means "any"). Fields that cannot be read are left unset and the first of them is named in <paramref name="error"/>.
    /// </summary>
    public static ComplaintFilter FromQuery(Func<string, string?> valueOf, out FilterError? error)
    {
        var filter = All;
        error = null;
        foreach (var field in Fields)
        {
            var text = valueOf(field.Name)?.Trim();
            if (string.IsNullOrEmpty(text))
                continue;
            if (FilterValues.Read(field.Kind, text) is { } value)
                filter = field.Set(filter, value);
            else
                error ??= new FilterError(FilterValues.ProblemOf(field.Kind), field.Name, text);
        }
        if (error is null && filter.From > filter.To)
            error = new FilterError(FilterProblem.FromAfterTo, "from", FilterValues.FormatDay(filter.From!.Value), FilterValues.FormatDay(filter.To!.Value));
        return filter;
    }

    /// <summary>The fields that are set, by URL name, as <see cref="FromQuery"/> reads them back.</summary>
    public IReadOnlyList<(string Name, string Value)> ToQuery() => SetFields(Fields);

    /// <summary>The drill-down fields that are set, as <see cref="ToQuery"/> writes them.</summary>
    public IReadOnlyList<(string Name, string Value)> DrillDown => SetFields(Fields.Where(f => f.IsDrillDown));

    private List<(string Name, string Value)> SetFields(IEnumerable<FilterField> fields) =>
        [.. fields.Select(f => (f, Value: f.Get(this))).Where(v => v.Value is not null).Select(v => (v.f.Name, FilterValues.Write(v.f.Kind, v.Value!)))];

    /// <summary>Open-age buckets in whole local days since receipt, as the SLA backlog counts them.</summary>
    public static readonly IReadOnlyList<(string Name, int Min, int Max)> AgeBuckets = [("0-3", int.MinValue, 3), ("4-7", 4, 7), ("8-14", 8, 14), (">14", 15, int.MaxValue)];

    /// <summary>Whether what the filter selects changes with the clock: breaches and open ages are judged now unless an as-of instant is given.</summary>
    public bool IsJudgedNow => AsOf is null && (Breached is not null || Age is not null);

    /// <summary>This filter judged at <paramref name="now"/> unless it names its own as-of instant.</summary>
    public ComplaintFilter AsOfOr(DateTimeOffset now) => AsOf is null ? this with { AsOf = now } : this;

    /// <summary>
    /// Whether complaint <c>c</c> is in an ending status (<c>Reporting:EndingStatuses</c>, bound as <c>$ending_statuses</c>).
    /// The status decides whether a complaint is open, not a missing date.
    /// </summary>
    public const string Ended = "list_contains(string_split($ending_statuses, ','), lower(c.status))";

    /// <summary>Open at <c>$as_of</c>: received by then and not ended, or ended only after it. Closed with its time unknown is never open.</summary>
    public const string OpenAsOf = "(c.received_at <= CAST($as_of AS TIMESTAMPTZ) AND (NOT " + Ended + " OR c.resolved_at > CAST($as_of AS TIMESTAMPTZ)))";

    // Judged as in Sla/Achievement.sql: a stored flag decides; without one, a due instant already passed means breached
    // while the complaint is open. A complaint closed without the date is neither met nor breached: its time is unknown.
    private const string FirstResponseBreached = "coalesce(s.first_response_breached, s.first_response_due_at <= CAST($as_of AS TIMESTAMPTZ) AND NOT " + Ended + ")";
    private const string ResolutionBreached = "coalesce(s.resolution_breached, s.resolution_due_at <= CAST($as_of AS TIMESTAMPTZ) AND NOT " + Ended + ")";
    private const string StatutoryMissed = "NOT coalesce(s.statutory_met, s.statutory_due_at > CAST($as_of AS TIMESTAMPTZ) OR " + Ended + ")";

    /// <summary>
    /// A predicate over <c>complaints c</c> with a clause for each filter that is set (an empty filter is TRUE);
    /// bind its values with <see cref="Parameters"/>. Clauses for unset filters are left out rather than made
    /// no-ops: DuckDB would still run their subqueries, which made every figure 2–5× slower at a million rows.
    /// The SQL text comes only from the constants below; values are always bound parameters.
    /// </summary>
    public string Predicate => PredicateOver("complaints", "customers", "products", "complaint_sla");

    /// <summary>
    /// <see cref="Predicate"/> over the complaints, customers, products and SLA measures as the warehouse held them at
    /// <c>$as_of</c> (<c>complaints_as_of</c>, <c>customers_as_of</c>, <c>products_as_of</c>, <c>complaint_sla_as_of</c>),
    /// for a report reproduced as of a past instant: a customer's segment or country, a product's line, a breach are
    /// judged as they stood then. (Costs and surveys keep no versions and are read as they are now.)
    /// </summary>
    public string PredicateAsOf => PredicateOver(AsOfTable("complaints"), AsOfTable("customers"), AsOfTable("products"), AsOfTable("complaint_sla"));

    private static string AsOfTable(string table) => $"{table}_as_of(CAST($as_of AS TIMESTAMPTZ))";

    private string PredicateOver(string complaints, string customers, string products, string sla)
    {
        var clauses = new List<string>();
        if (From is not null) clauses.Add("c.received_at >= CAST($from_instant AS TIMESTAMPTZ)");
        if (To is not null) clauses.Add("c.received_at < CAST($to_instant AS TIMESTAMPTZ)");
        if (Product is not null) clauses.Add("c.product_sku = $product");
        if (Line is not null) clauses.Add($"c.product_sku IN (SELECT p.sku FROM {products} p WHERE p.product_line = $line)");
        if (Category is not null) clauses.Add("c.defect_category = $category");
        if (Channel is not null) clauses.Add("c.channel = $channel");
        if (Segment is not null) clauses.Add($"(c.source, c.customer_id) IN (SELECT cu.source, cu.customer_id FROM {customers} cu WHERE cu.segment = $segment)");
        if (Country is not null) clauses.Add($"(c.source, c.customer_id) IN (SELECT cu.source, cu.customer_id FROM {customers} cu WHERE cu.country = $country)");
        if (Status is not null) clauses.Add("c.status = $status");
        if (Team is not null) clauses.Add("c.team = $team");
        if (Breached is { } breached)
            clauses.Add($"c.complaint_key IN (SELECT s.complaint_key FROM {sla} s JOIN {complaints} c USING (complaint_key) WHERE " + breached switch
            {
                SlaBreach.FirstResponse => FirstResponseBreached,
                SlaBreach.Resolution => ResolutionBreached,
                SlaBreach.Statutory => StatutoryMissed,
                _ => $"({FirstResponseBreached} OR {ResolutionBreached})",
            } + ")");
        if (Age is not null)
            clauses.Add("(" + OpenAsOf + $"""
                 AND c.complaint_key IN (SELECT s.complaint_key FROM {sla} s)
                 AND date_diff('day', CAST(timezone($tz, c.received_at) AS DATE), CAST($as_of_date AS DATE)) BETWEEN $age_min AND $age_max)
                """);
        if (Resolved is { } resolved) clauses.Add(resolved ? "c.resolved_at IS NOT NULL" : "c.resolved_at IS NULL");
        if (Costed is { } costed) clauses.Add((costed ? "" : "NOT ") + "c.complaint_key IN (SELECT cc.complaint_key FROM complaint_costs cc)");
        if (CostType is not null) clauses.Add("c.complaint_key IN (SELECT cl.complaint_key FROM cost_lines cl WHERE cl.cost_type = $cost_type)");
        if (Surveyed is { } surveyed) clauses.Add((surveyed ? "" : "NOT ") + "c.complaint_key IN (SELECT sv.complaint_key FROM surveys sv WHERE sv.complaint_key IS NOT NULL)");
        return clauses.Count == 0 ? "TRUE" : "(" + string.Join(" AND ", clauses) + ")";
    }

    /// <summary>
    /// Values for every name <see cref="Predicate"/> may use (DuckDB ignores the ones a query does not).
    /// The day bounds become instants once, here: local midnight of <see cref="From"/> and of the day after
    /// <see cref="To"/> in the reporting zone (DST-aware), so the warehouse compares timestamps instead of
    /// converting every row's time zone. <c>$tz</c> is bound too, for queries that bucket by local date, and
    /// <c>$ending_statuses</c> for <see cref="Ended"/>.
    /// </summary>
    public (string Name, object? Value)[] Parameters(ReportingOptions reporting)
    {
        var timeZone = reporting.TimeZone;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var age = AgeBuckets.FirstOrDefault(b => b.Name == Age);
        return
        [
            ("from_instant", StartOfDay(From, zone)), ("to_instant", StartOfDay(To?.AddDays(1), zone)), ("tz", timeZone),
            ("product", Product), ("line", Line), ("category", Category), ("channel", Channel),
            ("segment", Segment), ("country", Country), ("status", Status), ("team", Team), ("cost_type", CostType),
            ("as_of", AsOf?.ToUniversalTime()),
            ("as_of_date", AsOf is { } asOf ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, zone).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null),
            ("age_min", age.Name is null ? 0 : age.Min), ("age_max", age.Name is null ? 0 : age.Max),
            ("ending_statuses", string.Join(',', reporting.EndingStatusList())),
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

/// <summary>Which SLA target a complaint breached: either SLA target (any), first response, resolution, or the statutory deadline.</summary>
public enum SlaBreach { Any, FirstResponse, Resolution, Statutory }
