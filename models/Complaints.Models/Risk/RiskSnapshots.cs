using Complaints.Warehouse;
using DuckDB.NET.Data;

namespace Complaints.Models.Risk;

/// <summary>
/// Reads <see cref="RiskSnapshot"/>s from the warehouse for chosen (complaint, instant) points: the open complaints
/// now, for scoring, or complaints at given ages in the past, for training and testing.
/// </summary>
public static class RiskSnapshots
{
    /// <summary>
    /// Snapshots of complaints at each of <paramref name="ageDays"/> after receipt, for those received in [from, to) and
    /// still unanswered at that age. With <paramref name="maxComplaints"/>, a fixed pseudo-random sample of that many
    /// complaints (by a hash of their key, so the same data gives the same sample).
    /// </summary>
    public static List<RiskSnapshot> AtAges(DuckDBConnection connection, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<double> ageDays, DateTimeOffset knownAt,
        ReportingOptions reporting, int? maxComplaints = null)
    {
        connection.Execute("CREATE OR REPLACE TEMP TABLE risk_ages (age_days DOUBLE)");
        foreach (var age in ageDays)
            connection.Execute("INSERT INTO risk_ages VALUES ($age)", ("age", age));
        connection.Execute("""
            CREATE OR REPLACE TEMP TABLE risk_points AS
            SELECT c.complaint_key, c.received_at + to_microseconds(CAST(a.age_days * 86400e6 AS BIGINT)) AS as_of
            FROM (SELECT * FROM complaints
                  WHERE received_at >= CAST($from AS TIMESTAMPTZ) AND received_at < CAST($to AS TIMESTAMPTZ)
                  ORDER BY hash(complaint_key) LIMIT $max) c
            CROSS JOIN risk_ages a
            WHERE c.received_at + to_microseconds(CAST(a.age_days * 86400e6 AS BIGINT)) <= CAST($known AS TIMESTAMPTZ)
              AND (c.answered_at IS NULL OR c.answered_at > c.received_at + to_microseconds(CAST(a.age_days * 86400e6 AS BIGINT)))
            """, ("from", from), ("to", to), ("known", knownAt), ("max", (long)(maxComplaints ?? int.MaxValue)));
        return Read(connection, knownAt, reporting);
    }

    /// <summary>
    /// Snapshots now of every open complaint: open follows the status (not in <c>Reporting:EndingStatuses</c>), as on
    /// every page, so a complaint closed without a resolution date is not scored. It reads the current status, so it
    /// is for the present (<paramref name="now"/>) only; past instants go through <see cref="AtAges"/>.
    /// </summary>
    public static List<RiskSnapshot> OpenNow(DuckDBConnection connection, DateTimeOffset now, ReportingOptions reporting)
    {
        connection.Execute("""
            CREATE OR REPLACE TEMP TABLE risk_points AS
            SELECT complaint_key, CAST($now AS TIMESTAMPTZ) AS as_of
            FROM complaints
            WHERE received_at <= CAST($now AS TIMESTAMPTZ)
              AND NOT list_contains(string_split($ending_statuses, ','), lower(status))
            """, ("now", now), EndingStatuses(reporting));
        return Read(connection, now, reporting);
    }

    /// <summary>Snapshots at the points already in the temp table <c>risk_points</c>; outcomes are those known at <paramref name="knownAt"/>.</summary>
    public static List<RiskSnapshot> Read(DuckDBConnection connection, DateTimeOffset knownAt, ReportingOptions reporting) =>
        connection.QueryList(Sql.Load(typeof(RiskSnapshots).Assembly, "Risk.RiskFeatures.sql"), r => new RiskSnapshot
        {
            ComplaintKey = r.GetInt64(0),
            AsOf = r.GetInstant(1),
            ProductLine = r.GetString(2),
            Channel = r.GetString(3),
            Segment = r.GetString(4),
            Priority = r.GetString(5),
            ComplaintType = r.GetString(6),
            Expectation = r.GetString(7),
            Status = r.GetString(8),
            AgeHours = (float)r.GetDouble(9),
            AllowedHours = (float)r.GetDouble(10),
            Responded = r.GetBoolean(11) ? 1 : 0,
            StatusChanges = r.GetInt64(12),
            HoursInStatus = (float)r.GetDouble(13),
            BacklogAtReceipt = r.GetInt64(14),
            BacklogNow = r.GetInt64(15),
            DescriptionLength = r.GetInt64(16),
            StatutoryMissed = r.IsDBNull(17) ? null : r.GetBoolean(17),
            ResolutionMissed = r.IsDBNull(18) ? null : r.GetBoolean(18),
            StatutoryDueAt = r.GetInstant(19),
            ResolutionDueAt = r.IsDBNull(20) ? null : r.GetInstant(20),
        }, ("known_at", knownAt), EndingStatuses(reporting));

    private static (string, object?) EndingStatuses(ReportingOptions reporting) => ("ending_statuses", string.Join(',', reporting.EndingStatusList()));
}
