using Complaints.Warehouse;
using Microsoft.Extensions.Options;

namespace Complaints.Models.Risk;

/// <summary>An open complaint with its risk of missing a deadline, the time left and the reasons.</summary>
public sealed record AtRiskComplaint(string Source, string ExternalId, string Sku, string? ProductName, string? Channel, string? Segment,
    DateTimeOffset ReceivedAt, double Probability, double RuleShare, DateTimeOffset? DueAt, double? HoursLeft, IReadOnlyList<RiskFactor> Reasons, long? ModelVersion);

/// <summary>
/// The at-risk list on the shared filters, and what scored it. Complaints already past their deadline are counted
/// apart (<see cref="PastDeadline"/>): they have missed it, and a ranking of what can still be saved leaves them out.
/// </summary>
public sealed record AtRiskFigures(string Target, long Scored, long HighRisk, long PastDeadline, double HighRiskFrom, DateTimeOffset? ScoredAt,
    ModelVersion? Model, bool RuleFallback, IReadOnlyList<AtRiskComplaint> Complaints);

/// <summary>One complaint's stored score for one deadline.</summary>
public sealed record ComplaintRisk(string Target, double Probability, double RuleShare, DateTimeOffset? DueAt, IReadOnlyList<RiskFactor> Reasons, long? ModelVersion, DateTimeOffset ScoredAt);

public sealed class RiskQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, IOptions<ModelsOptions> options, TimeProvider time)
{
    public const int Shown = 100;

    public AtRiskFigures Get(ComplaintFilter filter, RiskTarget target = RiskTarget.Statutory, int limit = Shown)
    {
        using var connection = warehouse.OpenConnection();
        var now = time.GetUtcNow();
        var parameters = new (string, object?)[] { ("target", RiskScores.Name(target)), ("limit", limit), ("now", now), ("high", options.Value.HighRisk) };
        var complaints = connection.QueryFiltered("""
            SELECT c.source, c.external_id, c.product_sku, p.name, c.channel, cu.segment, c.received_at, r.probability, r.rule_share, r.due_at,
                   CAST(epoch(r.due_at) - epoch(CAST($now AS TIMESTAMPTZ)) AS DOUBLE) / 3600, r.reasons, r.model_version
            FROM risk_scores r
            JOIN complaints c USING (complaint_key)
            LEFT JOIN products p ON p.sku = c.product_sku
            LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
            WHERE r.target = $target AND r.due_at > CAST($now AS TIMESTAMPTZ) AND /*filter*/
            ORDER BY r.probability DESC, r.due_at, c.external_id
            LIMIT $limit
            """, filter, reporting.Value, r => new AtRiskComplaint(r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3),
                r.NullableString(4), r.NullableString(5), r.GetInstant(6), r.GetDouble(7), r.GetDouble(8), r.IsDBNull(9) ? null : r.GetInstant(9),
                r.NullableDouble(10), RiskFactor.Read(r.GetString(11)), r.IsDBNull(12) ? null : r.GetInt64(12)), parameters);
        var totals = connection.QueryFiltered("""
            SELECT count(*) FILTER (WHERE r.due_at > CAST($now AS TIMESTAMPTZ)),
                   count(*) FILTER (WHERE r.due_at > CAST($now AS TIMESTAMPTZ) AND r.probability >= $high),
                   count(*) FILTER (WHERE r.due_at <= CAST($now AS TIMESTAMPTZ)), max(r.scored_at)
            FROM risk_scores r JOIN complaints c USING (complaint_key)
            WHERE r.target = $target AND /*filter*/
            """, filter, reporting.Value, r => (Scored: r.GetInt64(0), High: r.GetInt64(1), Past: r.GetInt64(2), At: r.IsDBNull(3) ? (DateTimeOffset?)null : r.GetInstant(3)), parameters).Single();
        var model = RiskScores.Versions(connection).FirstOrDefault(v => v.Target == target);
        var fallback = model is null || !model.InUse;
        return new AtRiskFigures(RiskScores.Name(target), totals.Scored, totals.High, totals.Past, options.Value.HighRisk, totals.At, model, fallback, complaints);
    }

    /// <summary>A complaint's scores (none once it is resolved, or before the first scoring).</summary>
    public IReadOnlyList<ComplaintRisk> ForComplaint(string source, string externalId)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList("""
            SELECT r.target, r.probability, r.rule_share, r.due_at, r.reasons, r.model_version, r.scored_at
            FROM risk_scores r JOIN complaints c USING (complaint_key)
            WHERE c.source = $source AND c.external_id = $id
            ORDER BY r.target DESC
            """, r => new ComplaintRisk(r.GetString(0), r.GetDouble(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetInstant(3), RiskFactor.Read(r.GetString(4)),
                r.IsDBNull(5) ? null : r.GetInt64(5), r.GetInstant(6)), ("source", source), ("id", externalId));
    }
}
