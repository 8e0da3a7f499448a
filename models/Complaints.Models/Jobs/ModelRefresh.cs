using Complaints.Models.Alerts;
using Complaints.Models.Defects;
using Complaints.Models.Risk;
using Complaints.Warehouse;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Models.Jobs;

/// <summary>
/// Keeps signals and scores current: after every load or roll-back (seen as a change in the ingest runs), and at
/// least hourly, since ages and time left change by themselves. Trains the risk models first when none exists.
/// Sends one alert digest for what is new.
/// </summary>
public sealed class ModelRefresh(WarehouseDatabase warehouse, DefectSignals signals, RiskScores scores, ModelAlerts alerts,
    IOptions<ModelsOptions> options, TimeProvider time, ILogger<ModelRefresh> logger)
{
    public static readonly TimeSpan AtLeastEvery = TimeSpan.FromHours(1);

    private string? _lastData;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;

    /// <summary>Refreshes when the data changed or an hour has passed (or when <paramref name="force"/>); returns whether it did.</summary>
    public async Task<bool> RefreshIfDueAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        string data;
        bool anyComplaints, anyModel;
        using (var connection = warehouse.OpenConnection())
        {
            data = connection.Scalar<string>("SELECT concat(coalesce(max(run_id), 0), '/', coalesce(CAST(max(rolled_back_at) AS VARCHAR), '')) FROM ingest_runs")!;
            anyComplaints = connection.Scalar<long>("SELECT count(*) FROM complaints") > 0;
            anyModel = connection.Scalar<long>("SELECT count(*) FROM model_versions") > 0;
        }
        var now = time.GetUtcNow();
        if (!force && data == _lastData && now - _lastRefresh < AtLeastEvery)
            return false;
        if (!anyComplaints)
            return false;

        if (!anyModel)
            await scores.TrainAsync(cancellationToken);
        var raised = await signals.RefreshAsync(cancellationToken);
        var highBefore = HighRiskVip();
        var scored = await scores.ScoreAsync(cancellationToken);
        var turned = HighRiskVipAlerts().Where(a => !highBefore.Contains((a.Source, a.ExternalId))).ToList();
        var sent = await alerts.SendAsync(raised, turned, cancellationToken);
        logger.LogInformation("Models refreshed: {Raised} new signals, {Scored} scores, {Turned} VIP complaints turned high-risk{Sent}",
            raised.Count, scored, turned.Count, sent is null ? "" : $", digest sent to {sent}");
        _lastData = data;
        _lastRefresh = now;
        return true;
    }

    private HashSet<(string, string)> HighRiskVip() => HighRiskVipAlerts().Select(a => (a.Source, a.ExternalId)).ToHashSet();

    private IReadOnlyList<RiskAlert> HighRiskVipAlerts()
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList("""
            SELECT c.source, c.external_id, c.product_sku, r.target, r.probability, r.due_at, r.reasons
            FROM risk_scores r
            JOIN complaints c USING (complaint_key)
            JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
            WHERE cu.segment = 'vip' AND r.probability >= $high AND r.due_at > CAST($now AS TIMESTAMPTZ)
            QUALIFY row_number() OVER (PARTITION BY r.complaint_key ORDER BY r.probability DESC) = 1
            ORDER BY r.probability DESC
            """, r => new RiskAlert(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.IsDBNull(5) ? null : r.GetInstant(5), string.Join("; ", RiskFactor.Read(r.GetString(6)))),
            ("high", options.Value.HighRisk), ("now", time.GetUtcNow()));
    }
}
