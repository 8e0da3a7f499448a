using System.Text.Json;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Models.Defects;

/// <summary>A stored signal: its latest evidence, when it was first and last seen, and the status a quality manager gave it.</summary>
public sealed record StoredSignal(
    string Key, string Scope, string? Sku, string? ProductName, string Line, string Category, string Method,
    DateOnly WindowFrom, DateOnly WindowTo, long Observed, double Expected, double Statistic, double? PValue, double? Lower, double? Upper,
    DateOnly FirstSeen, DateOnly LastSeen, bool Active, string Status, string? StatusReason, DateTimeOffset? StatusChangedAt, string? StatusChangedBy);

/// <summary>
/// Keeps <c>defect_signals</c> in step with the detector: new signals arrive as <c>new</c>, known ones get their latest
/// evidence, ones the detector no longer gives turn inactive. A dismissed signal stays dismissed until its observed
/// count grows by half over what it was at dismissal; it then comes back as new, with the reason, in the audit log.
/// </summary>
public sealed class DefectSignals(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting, TimeProvider time)
{
    public const string New = "new", Acknowledged = "acknowledged", Dismissed = "dismissed";
    public static readonly IReadOnlyList<string> Statuses = [New, Acknowledged, Dismissed];
    public const double RegrowthFactor = 1.5;

    public DefectDetector Detector { get; } = new(new DefectDetectorSettings());

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(reporting.Value.TimeZone);

    /// <summary>
    /// The day signals are judged as of: the last complete local day (signals are judged on whole days), or the last
    /// day complaints were received on when the data ends earlier, so an old export is judged on its own last weeks.
    /// </summary>
    public DateOnly JudgedDay()
    {
        var yesterday = LocalDay.Of(time.GetUtcNow(), Zone).AddDays(-1);
        using var connection = warehouse.OpenConnection();
        var last = connection.QueryList("SELECT max(CAST(timezone($tz, received_at) AS DATE)) FROM complaints",
            r => r.IsDBNull(0) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(0)), ("tz", reporting.Value.TimeZone)).Single();
        return last < yesterday ? last.Value : yesterday;
    }

    /// <summary>Runs the detector as of the judged day and stores what it finds. Returns the signals that are new (or came back).</summary>
    public async Task<IReadOnlyList<StoredSignal>> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var day = JudgedDay();
        var before = LocalDay.Start(day.AddDays(1), Zone);
        IReadOnlyList<DefectSignal> found;
        using (var read = warehouse.OpenConnection())
            found = Detector.Detect(DailyCounts.Read(read, reporting.Value.TimeZone, before), day);

        return await StoreAsync(found, day, cancellationToken);
    }

    /// <summary>Stores what the detector found as of <paramref name="day"/>; returns the signals that are new or came back.</summary>
    internal async Task<IReadOnlyList<StoredSignal>> StoreAsync(IReadOnlyList<DefectSignal> found, DateOnly day, CancellationToken cancellationToken = default)
    {
        var raised = await warehouse.WriteAsync(connection => Task.FromResult(Store(connection, found, day)), cancellationToken);
        using var after = warehouse.OpenConnection();
        return List(after).Where(s => raised.Contains(s.Key)).ToList();
    }

    private HashSet<string> Store(DuckDBConnection connection, IReadOnlyList<DefectSignal> found, DateOnly day)
    {
        var now = time.GetUtcNow();
        var known = connection.QueryList("SELECT signal_key, status, dismissed_observed FROM defect_signals",
            r => (Key: r.GetString(0), Status: r.GetString(1), DismissedAt: r.IsDBNull(2) ? (long?)null : r.GetInt64(2))).ToDictionary(k => k.Key);
        var raised = new HashSet<string>(StringComparer.Ordinal);
        using var transaction = connection.BeginTransaction();
        connection.Execute("UPDATE defect_signals SET active = FALSE WHERE active");
        foreach (var signal in found)
        {
            (string Key, string Status, long? DismissedAt)? previous = known.TryGetValue(signal.SeriesKey, out var k) ? k : null;
            var evidence = new (string, object?)[]
            {
                ("key", signal.SeriesKey), ("scope", signal.Scope), ("sku", signal.Sku), ("line", signal.Line), ("category", signal.Category),
                ("method", signal.Method), ("from", signal.WindowFrom.ToDateTime(TimeOnly.MinValue)), ("to", signal.WindowTo.ToDateTime(TimeOnly.MinValue)),
                ("observed", signal.Observed), ("expected", signal.Expected), ("statistic", signal.Statistic), ("p", signal.PValue),
                ("low", signal.Lower), ("high", signal.Upper), ("day", day.ToDateTime(TimeOnly.MinValue)), ("now", now),
            };
            if (previous is null)
            {
                connection.Execute("""
                    INSERT INTO defect_signals VALUES ($key, $scope, $sku, $line, $category, $method, $from, $to, $observed, $expected, $statistic,
                        $p, $low, $high, $day, $day, TRUE, 'new', NULL, NULL, NULL, NULL, $now)
                    """, evidence);
                raised.Add(signal.SeriesKey);
                continue;
            }
            connection.Execute("""
                UPDATE defect_signals SET method = $method, window_from = $from, window_to = $to, observed = $observed, expected = $expected,
                    statistic = $statistic, p_value = $p, ci_low = $low, ci_high = $high, last_seen = $day, active = TRUE, computed_at = $now
                WHERE signal_key = $key
                """, evidence);
            if (previous.Value.Status == Dismissed && signal.Observed >= RegrowthFactor * (previous.Value.DismissedAt ?? 0))
            {
                var reason = $"evidence grew: {signal.Observed} complaints against {previous.Value.DismissedAt} when dismissed";
                connection.Execute("""
                    UPDATE defect_signals SET status = 'new', status_reason = $reason, status_changed_at = $now, status_changed_by = 'system', dismissed_observed = NULL
                    WHERE signal_key = $key
                    """, ("reason", reason), ("now", now), ("key", signal.SeriesKey));
                AuditLog.Append(connection, time, "system", "defect_signal.status", signal.SeriesKey,
                    JsonSerializer.Serialize(new { status = Dismissed }), JsonSerializer.Serialize(new { status = New, reason }));
                raised.Add(signal.SeriesKey);
            }
        }
        // One entry per recalculation, naming the signals it raised (series keys: products and categories, no personal data).
        AuditLog.Append(connection, time, "system", "defect_signals.recalculated", "defect_signals", null,
            JsonSerializer.Serialize(new { asOf = day, active = found.Count, raised = raised.Order(StringComparer.Ordinal).ToList() }));
        transaction.Commit();
        return raised;
    }

    /// <summary>Sets a signal's status with the reason given, in the audit log with the old and new status. False when there is no such signal.</summary>
    public async Task<bool> SetStatusAsync(string key, string status, string reason, string actor, CancellationToken cancellationToken = default)
    {
        if (!Statuses.Contains(status)) throw new ArgumentException($"A signal's status is one of {string.Join(", ", Statuses)}, not '{status}'.", nameof(status));
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("Give a reason for the change of status.", nameof(reason));
        return await warehouse.WriteAsync(connection =>
        {
            var before = connection.QueryList("SELECT status, observed FROM defect_signals WHERE signal_key = $key", r => (Status: r.GetString(0), Observed: r.GetInt64(1)), ("key", key)).SingleOrDefault();
            if (before.Status is null) return Task.FromResult(false);
            using var transaction = connection.BeginTransaction();
            connection.Execute("""
                UPDATE defect_signals SET status = $status, status_reason = $reason, status_changed_at = $now, status_changed_by = $actor,
                    dismissed_observed = CASE WHEN $status = 'dismissed' THEN observed END
                WHERE signal_key = $key
                """, ("status", status), ("reason", reason), ("now", time.GetUtcNow()), ("actor", actor), ("key", key));
            AuditLog.Append(connection, time, actor, "defect_signal.status", key,
                JsonSerializer.Serialize(new { status = before.Status }), JsonSerializer.Serialize(new { status, reason }));
            transaction.Commit();
            return Task.FromResult(true);
        }, cancellationToken);
    }

    /// <summary>Stored signals, active ones first, then by how far the count exceeds its expectation.</summary>
    public IReadOnlyList<StoredSignal> List(DuckDBConnection connection) => connection.QueryList("""
        SELECT s.signal_key, s.scope, s.product_sku, p.name, s.product_line, s.defect_category, s.method, s.window_from, s.window_to,
               s.observed, s.expected, s.statistic, s.p_value, s.ci_low, s.ci_high, s.first_seen, s.last_seen, s.active, s.status,
               s.status_reason, s.status_changed_at, s.status_changed_by
        FROM defect_signals s LEFT JOIN products p ON p.sku = s.product_sku
        ORDER BY s.active DESC, s.observed / greatest(s.expected, 0.5) DESC, s.signal_key
        """, r => new StoredSignal(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            DateOnly.FromDateTime(r.GetDateTime(7)), DateOnly.FromDateTime(r.GetDateTime(8)), r.GetInt64(9), r.GetDouble(10), r.GetDouble(11),
            r.NullableDouble(12), r.NullableDouble(13), r.NullableDouble(14), DateOnly.FromDateTime(r.GetDateTime(15)), DateOnly.FromDateTime(r.GetDateTime(16)),
            r.GetBoolean(17), r.GetString(18), r.NullableString(19), r.IsDBNull(20) ? null : r.GetInstant(20), r.NullableString(21)));

    /// <summary>The signal the Defects page shows: the one <paramref name="key"/> names, else the first active one in <see cref="List"/>'s order.</summary>
    public static StoredSignal? Shown(IReadOnlyList<StoredSignal> signals, string? key) =>
        signals.FirstOrDefault(s => s.Key == key) ?? signals.FirstOrDefault(s => s.Active);

    /// <inheritdoc cref="Shown(IReadOnlyList{StoredSignal}, string?)"/>
    public StoredSignal? Shown(string? key)
    {
        using var connection = warehouse.OpenConnection();
        return Shown(List(connection), key);
    }

    /// <summary>A series' weekly counts against its expected line and the excess test's limit, for the chart beside a signal.</summary>
    public IReadOnlyList<SignalWeek> Weeks(string key, int weeks = 26)
    {
        var day = JudgedDay();
        var before = LocalDay.Start(day.AddDays(1), Zone);
        using var connection = warehouse.OpenConnection();
        var counts = DailyCounts.Read(connection, reporting.Value.TimeZone, before);
        var series = counts.All.FirstOrDefault(s => s.Key == key);
        if (series is null) return [];
        return SignalWeeks.Of(Detector, counts, series, counts.IndexOf(day), weeks);
    }

    public const int ThemeRecentWeeks = 4, ThemeBaselineWeeks = 12;

    /// <summary>
    /// A product's text themes: its complaints from <paramref name="from"/> to <paramref name="to"/> (by default the last
    /// four complete weeks; a signal's page passes the signal's window) against the twelve weeks before.
    /// </summary>
    public IReadOnlyList<TextTheme> Themes(string sku, DateOnly? from = null, DateOnly? to = null)
    {
        var last = to ?? JudgedDay();
        var first = from ?? last.AddDays(1 - 7 * ThemeRecentWeeks);
        using var connection = warehouse.OpenConnection();
        var texts = ThemeTexts.Read(connection, sku, LocalDay.Start(first.AddDays(-7 * ThemeBaselineWeeks), Zone), LocalDay.Start(last.AddDays(1), Zone),
            reporting.Value.TimeZone);
        return TextThemes.Find(texts, first);
    }
}
