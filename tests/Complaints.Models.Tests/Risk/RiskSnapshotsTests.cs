using Complaints.Ingest.Feeds;
using Complaints.Models.Risk;
using Complaints.Testing;
using Complaints.Warehouse;
using DuckDB.NET.Data;

namespace Complaints.Models.Tests.Risk;

/// <summary>The risk model's inputs at an instant use only what was known then.</summary>
public sealed class RiskSnapshotsTests
{
    private static readonly DateTimeOffset Instant = new(2026, 5, 15, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The training path: snapshots at fixed ages of complaints received in the three weeks before the instant, up to
    /// the instant, read from the full warehouse and from one holding only what the sources had sent by then.
    /// </summary>
    [Fact]
    public async Task Snapshots_at_an_instant_from_the_full_warehouse_equal_those_from_the_warehouse_as_it_stood_then()
    {
        using var full = await DemoWarehouse.CreateAsync(6_000, new DateOnly(2026, 6, 30), years: 1, TimeProvider.System);
        // What the source systems would have exported at the instant: complaints received by then, with the times of
        // later answers, resolutions and closings blank and the status they had; status events recorded by then.
        using var then = await TempWarehouse.CreateAsync();
        var cut = Path.Combine(then.Directory, "cut");
        Directory.CreateDirectory(cut);
        CutAt(full.Files.Complaints, full.Files.StatusEvents, cut);
        await DemoWarehouse.LoadAsync(then,
        [
            (full.Files.Products, FeedLayouts.Products),
            (Path.Combine(cut, "complaints.csv"), FeedLayouts.Complaints),
            (Path.Combine(cut, "status_events.csv"), FeedLayouts.StatusEvents),
        ]);

        var fromFull = Read(full.Warehouse.Database);
        var fromThen = Read(then.Database);

        Assert.True(fromThen.Count > 300, $"only {fromThen.Count} snapshots before the instant");
        Assert.Equal(fromThen.Keys.Order(), fromFull.Keys.Order());
        foreach (var (id, snapshot) in fromThen)
            Assert.Equal(snapshot, fromFull[id]);
        // Histories were really cut, not emptied: some open complaints had moved on from "new" and had a first response.
        Assert.Contains(fromThen.Values, s => s.Split(" | ")[6] != "new");
        Assert.Contains(fromThen.Values, s => s.Split(" | ")[9] == "1");
    }

    /// <summary>Each snapshot's inputs as text, by external id and instant (complaint keys differ between warehouses).</summary>
    private static Dictionary<string, string> Read(WarehouseDatabase warehouse)
    {
        using var connection = warehouse.OpenConnection();
        var ids = connection.QueryList("SELECT complaint_key, external_id FROM complaints", r => (r.GetInt64(0), r.GetString(1))).ToDictionary(x => x.Item1, x => x.Item2);
        return RiskSnapshots.AtAges(connection, Instant.AddDays(-21), Instant, [0, 1, 2, 3, 5, 7, 10, 12], Instant, new ReportingOptions())
            .ToDictionary(s => $"{ids[s.ComplaintKey]} at {s.AsOf:u}", s => string.Join(" | ",
            s.ProductLine, s.Channel, s.Segment, s.Priority, s.ComplaintType, s.Expectation, s.Status, s.AgeHours, s.AllowedHours, s.Responded,
            s.StatusChanges, s.HoursInStatus, s.BacklogAtReceipt, s.BacklogNow, s.DescriptionLength));
    }

    private static void CutAt(string complaints, string events, string folder)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        var at = ("at", (object?)Instant);
        duck.Execute("SET TimeZone = 'UTC'");
        duck.Execute($"CREATE TABLE e AS SELECT * FROM read_csv('{events}', all_varchar = true)");
        duck.Execute("""
            CREATE TABLE known_events AS SELECT * FROM e
            WHERE CAST(occurred_at AS TIMESTAMPTZ) <= CAST($at AS TIMESTAMPTZ) AND CAST(updated_at AS TIMESTAMPTZ) <= CAST($at AS TIMESTAMPTZ)
            """, at);
        duck.Execute($"COPY known_events TO '{Path.Combine(folder, "status_events.csv")}' (HEADER)");
        duck.Execute($"CREATE TABLE c AS SELECT * FROM read_csv('{complaints}', all_varchar = true)");
        duck.Execute("""
            CREATE TABLE known_complaints AS
            SELECT c.* REPLACE (
                CASE WHEN CAST(first_response_at AS TIMESTAMPTZ) <= CAST($at AS TIMESTAMPTZ) THEN first_response_at END AS first_response_at,
                CASE WHEN CAST(resolved_at AS TIMESTAMPTZ) <= CAST($at AS TIMESTAMPTZ) THEN resolved_at END AS resolved_at,
                CASE WHEN CAST(answered_at AS TIMESTAMPTZ) <= CAST($at AS TIMESTAMPTZ) THEN answered_at END AS answered_at,
                CASE WHEN CAST(closed_at AS TIMESTAMPTZ) <= CAST($at AS TIMESTAMPTZ) THEN closed_at END AS closed_at,
                coalesce((SELECT arg_max(k.to_status, CAST(k.occurred_at AS TIMESTAMPTZ)) FROM known_events k
                          WHERE k.complaint_source = c.source AND k.complaint_id = c.external_id), 'new') AS status,
                CASE WHEN CAST(updated_at AS TIMESTAMPTZ) <= CAST($at AS TIMESTAMPTZ) THEN updated_at ELSE strftime(CAST($at AS TIMESTAMPTZ), '%Y-%m-%dT%H:%M:%SZ') END AS updated_at)
            FROM c
            WHERE CAST(received_at AS TIMESTAMPTZ) <= CAST($at AS TIMESTAMPTZ)
            """, at);
        duck.Execute($"COPY known_complaints TO '{Path.Combine(folder, "complaints.csv")}' (HEADER)");
    }
}
