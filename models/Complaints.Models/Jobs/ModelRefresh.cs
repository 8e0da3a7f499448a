using Complaints.Models.Alerts;
using Complaints.Models.Defects;
using Complaints.Models.Risk;
using Complaints.Warehouse;
using Complaints.Warehouse.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Models.Jobs;

/// <summary>
/// Keeps signals and scores current: after every load or roll-back (announced by the writer gate), and at
/// least hourly, since ages and time left change by themselves. Trains the risk models first when none exists.
/// Sends one alert digest for what is new.
/// </summary>
public sealed class ModelRefresh
{
    public static readonly TimeSpan AtLeastEvery = TimeSpan.FromHours(1);

    private readonly WarehouseDatabase _warehouse;
    private readonly DefectSignals _signals;
    private readonly RiskScores _scores;
    private readonly ModelAlerts _alerts;
    private readonly IOptions<ModelsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ModelRefresh> _logger;

    // Set by a load or roll-back, cleared when a refresh begins; the first refresh finds it set.
    private volatile bool _dataChanged = true;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;

    public ModelRefresh(WarehouseDatabase warehouse, DefectSignals signals, RiskScores scores, ModelAlerts alerts,
        IOptions<ModelsOptions> options, TimeProvider time, ILogger<ModelRefresh> logger)
    {
        (_warehouse, _signals, _scores, _alerts, _options, _time, _logger) = (warehouse, signals, scores, alerts, options, time, logger);
        // Lives as long as the warehouse (both are the host's singletons).
        warehouse.Changed += change => _dataChanged |= change.ChangesData;
    }

    /// <summary>Refreshes when the data changed or an hour has passed (or when <paramref name="force"/>); returns whether it did.</summary>
    public async Task<bool> RefreshIfDueAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        bool anyComplaints, anyModel;
        using (var connection = _warehouse.OpenConnection())
        {
            anyComplaints = connection.Scalar<long>("SELECT count(*) FROM complaints") > 0;
            anyModel = connection.Scalar<long>("SELECT count(*) FROM model_versions") > 0;
        }
        var now = _time.GetUtcNow();
        if (!force && !_dataChanged && now - _lastRefresh < AtLeastEvery)
            return false;
        if (!anyComplaints)
            return false;

        _dataChanged = false; // a load from now on asks for the next refresh
        try
        {
            if (!anyModel)
                await _scores.TrainAsync(cancellationToken);
            var raised = await _signals.RefreshAsync(cancellationToken);
            var highBefore = HighRiskVip();
            var scored = await _scores.ScoreAsync(cancellationToken);
            var turned = HighRiskVipAlerts().Where(a => !highBefore.Contains((a.Source, a.ExternalId))).ToList();
            var sent = await _alerts.SendAsync(raised, turned, cancellationToken);
            _logger.LogInformation("Models refreshed: {Raised} new signals, {Scored} scores, {Turned} VIP complaints turned high-risk{Sent}",
                raised.Count, scored, turned.Count, sent is null ? "" : $", digest sent to {sent}");
        }
        catch
        {
            _dataChanged = true;
            throw;
        }
        _lastRefresh = now;
        return true;
    }

    private HashSet<(string, string)> HighRiskVip() => HighRiskVipAlerts().Select(a => (a.Source, a.ExternalId)).ToHashSet();

    private IReadOnlyList<RiskAlert> HighRiskVipAlerts()
    {
        using var connection = _warehouse.OpenConnection();
        return connection.QueryList("""
            SELECT c.source, c.external_id, c.product_sku, r.target, r.probability, r.due_at, r.reasons
            FROM risk_scores r
            JOIN complaints c USING (complaint_key)
            JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
            WHERE cu.segment = 'vip' AND r.probability >= $high AND r.due_at > CAST($now AS TIMESTAMPTZ)
            QUALIFY row_number() OVER (PARTITION BY r.complaint_key ORDER BY r.probability DESC) = 1
            ORDER BY r.probability DESC
            """, r => new RiskAlert(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.IsDBNull(5) ? null : r.GetInstant(5), string.Join("; ", RiskFactor.Read(r.GetString(6)))),
            ("high", _options.Value.HighRisk), ("now", _time.GetUtcNow()));
    }
}
