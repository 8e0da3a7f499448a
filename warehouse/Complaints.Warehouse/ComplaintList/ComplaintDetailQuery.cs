namespace Complaints.Warehouse.ComplaintList;

public sealed record ComplaintDetail(
    IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<StatusChange> Timeline,
    IReadOnlyList<CostLine> Costs, IReadOnlyList<SurveyAnswer> Surveys, int EarlierVersions, long RunId, string FileName, SlaStanding? Sla);

/// <summary>
/// Where a complaint stands against its deadlines, from its stored SLA measures: the policy (and version) it is held
/// to, its due instants, and what is decided. Undecided targets are judged against "now" by the reader.
/// </summary>
public sealed record SlaStanding(string Policy, DateTimeOffset? PolicyValidFrom, DateOnly StatutoryDeadline, DateTimeOffset StatutoryDueAt, string? StatutoryOutcome,
    DateTimeOffset? FirstResponseDueAt, bool? FirstResponseBreached, DateTimeOffset? ResolutionDueAt, bool? ResolutionBreached);

public sealed record StatusChange(DateTimeOffset OccurredAt, string? From, string To, string? Actor);
public sealed record CostLine(string CostType, decimal Amount, string Currency, DateOnly BookedOn);
public sealed record SurveyAnswer(DateTimeOffset AnsweredAt, int? Csat, int? Nps, string? Comment);

/// <summary>One complaint with its history, costs and feedback, and where it came from. No personal data: that comes through its own, audited path.</summary>
public sealed class ComplaintDetailQuery(WarehouseDatabase warehouse)
{
    public ComplaintDetail? Find(string source, string externalId)
    {
        using var connection = warehouse.OpenConnection();
        var key = new (string, object?)[] { ("source", source), ("id", externalId) };
        using var command = connection.Command("""
            SELECT c.* EXCLUDE (complaint_key, run_id, customer_id), p.name AS product_name, p.product_line, p.category AS product_category,
                   cu.segment AS customer_segment, cu.country AS customer_country, cu.language AS customer_language,
                   c.complaint_key, c.run_id, r.file_name
            FROM complaints c
            LEFT JOIN products p ON p.sku = c.product_sku
            LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
            LEFT JOIN ingest_runs r ON r.run_id = c.run_id
            WHERE c.source = $source AND c.external_id = $id
            """, key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        var fields = new Dictionary<string, string?>();
        for (var i = 0; i < reader.FieldCount - 3; i++)
            fields[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
            {
                DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)).ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            };
        var complaintKey = reader.GetInt64(reader.FieldCount - 3);
        var runId = reader.GetInt64(reader.FieldCount - 2);
        var fileName = reader.IsDBNull(reader.FieldCount - 1) ? "" : reader.GetString(reader.FieldCount - 1);

        var byKey = new (string, object?)[] { ("key", complaintKey) };
        var timeline = connection.QueryList("SELECT occurred_at, from_status, to_status, actor FROM status_events WHERE complaint_key = $key ORDER BY occurred_at, external_id",
            r => new StatusChange(r.GetInstant(0), r.NullableString(1), r.GetString(2), r.NullableString(3)), byKey);
        var costs = connection.QueryList("SELECT cost_type, amount, currency, booked_on FROM costs WHERE complaint_key = $key ORDER BY booked_on, external_id",
            r => new CostLine(r.GetString(0), r.GetDecimal(1), r.GetString(2), DateOnly.FromDateTime(r.GetDateTime(3))), byKey);
        var surveys = connection.QueryList("SELECT answered_at, csat, nps, comment FROM surveys WHERE complaint_key = $key ORDER BY answered_at",
            r => new SurveyAnswer(r.GetInstant(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetInt32(2), r.NullableString(3)), byKey);
        var versions = connection.Scalar<int>("SELECT count(*) FROM complaint_versions WHERE source = $source AND external_id = $id", key);
        var sla = connection.QueryList("""
            SELECT policy_name, policy_valid_from, statutory_deadline, statutory_due_at, statutory_outcome,
                   first_response_due_at, first_response_breached, resolution_due_at, resolution_breached
            FROM complaint_sla WHERE complaint_key = $key
            """, r => new SlaStanding(r.GetString(0), r.IsDBNull(1) ? null : r.GetInstant(1), DateOnly.FromDateTime(r.GetDateTime(2)), r.GetInstant(3),
                r.NullableString(4), r.IsDBNull(5) ? null : r.GetInstant(5), r.IsDBNull(6) ? null : r.GetBoolean(6),
                r.IsDBNull(7) ? null : r.GetInstant(7), r.IsDBNull(8) ? null : r.GetBoolean(8)), byKey).SingleOrDefault();
        return new ComplaintDetail(fields, timeline, costs, surveys, versions, runId, fileName, sla);
    }
}
