using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Warehouse.Tests.Sla;

/// <summary>Per-complaint SLA measures as the loads leave them in the warehouse, against hand-worked dates.</summary>
public sealed class SlaMeasuresTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(SlaFixture.AsOf);
    private TempWarehouse _warehouse = null!;
    private CanonicalFileLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync(_time, SlaFixture.Options());
        _loader = _warehouse.Loader();
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private async Task LoadAsync(FeedLayout feed, string? csv = null)
    {
        csv ??= SlaFixture.Files().Single(f => f.Feed == feed).Csv;
        var result = await _loader.LoadAsync(_warehouse.WriteFile($"{feed.Name}-{Guid.NewGuid():N}.csv", csv), feed);
        Assert.Equal(LoadStatus.Loaded, result.Status);
    }

    private async Task LoadAllAsync()
    {
        foreach (var (feed, _) in SlaFixture.Files())
            await LoadAsync(feed);
    }

    private sealed record Stored(
        string Policy, DateTimeOffset? PolicyValidFrom, DateOnly Deadline, DateOnly? AnsweredOn, string? Outcome, bool? StatutoryMet,
        DateTimeOffset? FirstResponseDue, DateTimeOffset? ResolutionDue, long? FirstResponseSeconds, long? FirstResponseBusinessSeconds,
        long? ResolutionSeconds, long PausedSeconds, bool? FirstResponseBreached, bool? ResolutionBreached, int Reopens, long? Run);

    private SlaMeasures MeasuresWith(SlaOptions options) => new(Options.Create(options), Options.Create(new ReportingOptions()), _time);

    private Stored Measures(string id)
    {
        using var connection = _warehouse.Database.OpenConnection();
        return connection.QueryList("""
            SELECT s.policy_name, s.policy_valid_from, s.statutory_deadline, s.answered_on, s.statutory_outcome, s.statutory_met,
                   s.first_response_due_at, s.resolution_due_at, s.first_response_elapsed_seconds, s.first_response_business_seconds,
                   s.resolution_elapsed_seconds, s.paused_seconds, s.first_response_breached, s.resolution_breached, s.reopen_count, s.computed_by_run
            FROM complaint_sla s JOIN complaints c USING (complaint_key)
            WHERE c.source = $source AND c.external_id = $id
            """, r => new Stored(r.GetString(0), r.IsDBNull(1) ? null : r.GetInstant(1), DateOnly.FromDateTime(r.GetDateTime(2)),
                r.IsDBNull(3) ? null : DateOnly.FromDateTime(r.GetDateTime(3)), r.NullableString(4), r.IsDBNull(5) ? null : r.GetBoolean(5),
                r.IsDBNull(6) ? null : r.GetInstant(6), r.IsDBNull(7) ? null : r.GetInstant(7), r.IsDBNull(8) ? null : r.GetInt64(8),
                r.IsDBNull(9) ? null : r.GetInt64(9), r.IsDBNull(10) ? null : r.GetInt64(10), r.GetInt64(11),
                r.IsDBNull(12) ? null : r.GetBoolean(12), r.IsDBNull(13) ? null : r.GetBoolean(13), r.GetInt32(14), r.IsDBNull(15) ? null : r.GetInt64(15)),
            ("source", SlaFixture.Source), ("id", id)).Single();
    }

    private static DateTimeOffset At(string iso) => SlaFixture.At(iso);

    [Fact]
    public async Task Every_loaded_complaint_gets_one_row_of_measures()
    {
        await LoadAllAsync();

        Assert.Equal(SlaFixture.Complaints.Count, _warehouse.Count("complaint_sla"));
    }

    [Fact]
    public async Task Complaint_received_the_Thursday_before_Easter_is_due_on_2_May_and_answered_in_time()
    {
        await LoadAllAsync();

        var e1 = Measures("E1");
        Assert.Equal(new DateOnly(2025, 5, 2), e1.Deadline); // 1 May is a holiday
        Assert.Equal(new DateOnly(2025, 5, 2), e1.AnsweredOn);
        Assert.Equal("answered_in_time", e1.Outcome);
        Assert.True(e1.StatutoryMet);
        Assert.Equal("default", e1.Policy);
        Assert.Equal(At("2025-05-03T00:00:00+02:00"), e1.ResolutionDue);
        Assert.Equal(At("2025-04-18T10:00:00+02:00"), e1.FirstResponseDue);
        Assert.Equal(23 * 3600, e1.FirstResponseSeconds);
        Assert.False(e1.FirstResponseBreached);
        Assert.False(e1.ResolutionBreached);
    }

    [Fact]
    public async Task Vip_complaint_on_a_Friday_afternoon_is_measured_in_business_hours_and_calendar_days()
    {
        await LoadAllAsync();

        var e2 = Measures("E2");
        Assert.Equal("vip", e2.Policy);
        Assert.Equal(At("2025-03-10T10:00:00+01:00"), e2.FirstResponseDue);   // Fri 14–16, Mon 08–10
        Assert.Equal(3 * 3600 + 1800, e2.FirstResponseBusinessSeconds);      // Fri 2 h + Mon 1.5 h
        Assert.False(e2.FirstResponseBreached);
        Assert.Equal(At("2025-03-10T14:00:00+01:00"), e2.ResolutionDue);
        Assert.Equal((3 * 24 + 20) * 3600, e2.ResolutionSeconds);
        Assert.True(e2.ResolutionBreached);
        Assert.Equal(new DateOnly(2025, 3, 21), e2.Deadline);
        Assert.True(e2.StatutoryMet);
    }

    [Fact]
    public async Task Waiting_for_the_customer_pauses_the_clock_once_the_status_events_arrive()
    {
        await LoadAsync(FeedLayouts.Products);
        await LoadAsync(FeedLayouts.Complaints);
        var before = Measures("E3");

        await LoadAsync(FeedLayouts.StatusEvents);
        var after = Measures("E3");

        Assert.Equal(At("2025-03-06T09:00:00+01:00"), before.ResolutionDue);
        Assert.True(before.ResolutionBreached);
        Assert.Equal(At("2025-03-08T09:00:00+01:00"), after.ResolutionDue);  // pushed by the 48 h pause
        Assert.Equal(At("2025-03-05T13:00:00+01:00"), after.FirstResponseDue); // 1 h before the pause, 3 h after it
        Assert.Equal(48 * 3600, after.PausedSeconds);
        Assert.Equal((3 * 24 + 23 - 48) * 3600, after.ResolutionSeconds); // 3 d 23 h open, 48 h of it paused
        Assert.False(after.ResolutionBreached);
        Assert.NotEqual(before.Run, after.Run); // refreshed by the status-events run
    }

    [Fact]
    public async Task A_reopened_complaint_counts_its_reopening()
    {
        await LoadAllAsync();

        Assert.Equal(1, Measures("E4").Reopens);
        Assert.Equal(0, Measures("E3").Reopens);
    }

    [Fact]
    public async Task A_policy_change_applies_only_to_complaints_received_after_it()
    {
        await LoadAllAsync();

        var e5 = Measures("E5");
        var e6 = Measures("E6");
        Assert.Null(e5.PolicyValidFrom); // the first version has no start date
        Assert.Equal(At("2025-06-02T10:00:00+02:00"), e5.ResolutionDue);     // 3 days: the old target
        Assert.False(e5.ResolutionBreached);
        Assert.Equal(SlaFixture.PolicyChange, e6.PolicyValidFrom);
        Assert.Equal(At("2025-06-04T10:00:00+02:00"), e6.ResolutionDue);     // 2 days: the new target
        Assert.True(e6.ResolutionBreached);
    }

    [Fact]
    public async Task Open_complaints_have_due_times_but_no_breached_flags_stored()
    {
        await LoadAllAsync();

        var o8 = Measures("O8");
        Assert.Null(o8.FirstResponseBreached);
        Assert.Null(o8.ResolutionBreached);
        Assert.Null(o8.StatutoryMet);
        Assert.Equal(new DateOnly(2025, 6, 3), o8.Deadline);
        Assert.Equal(At("2025-06-04T00:00:00+02:00"), o8.ResolutionDue);
    }

    [Fact]
    public async Task A_recalculation_applies_the_current_policies_and_is_written_to_the_audit_log()
    {
        await LoadAllAsync();
        var stricter = SlaFixture.Options();
        stricter.Policies.RemoveAll(p => p.ValidFrom == SlaFixture.PolicyChange);
        stricter.Policies[0].ResolutionTarget = TimeSpan.FromDays(1);

        var measured = await MeasuresWith(stricter).RecalculateAllAsync(_warehouse.Database, "admin@example.com");

        Assert.Equal(SlaFixture.Complaints.Count, measured);
        Assert.True(Measures("E5").ResolutionBreached);
        Assert.Null(Measures("E5").Run);
        using var connection = _warehouse.Database.OpenConnection();
        var entry = AuditLog.Read(connection).Last();
        Assert.Equal((SlaMeasures.RecalculationAction, "admin@example.com"), (entry.Action, entry.Actor));
        Assert.Null(AuditLog.Verify(connection));
    }

    [Fact]
    public async Task Measuring_in_batches_of_two_complaints_gives_the_same_measures_as_one_batch()
    {
        await LoadAllAsync();
        var ids = SlaFixture.Complaints.Select(c => c.Id).ToList();
        var whole = ids.Select(Measures).ToList();

        var measured = await new SlaMeasures(Options.Create(SlaFixture.Options()), Options.Create(new ReportingOptions()), _time) { BatchSize = 2 }
            .RecalculateAllAsync(_warehouse.Database, "admin@example.com");

        Assert.Equal(SlaFixture.Complaints.Count, measured);
        // A recalculation is not a run: only the run column differs.
        Assert.Equal(whole.Select(m => m with { Run = null }), ids.Select(Measures));
    }

    [Fact]
    public async Task Status_intervals_written_while_measuring_equal_the_window_over_the_status_events_to_the_last_bit()
    {
        await LoadAllAsync();
        // A change at a fraction of a second: the seconds are doubles, and must be DuckDB's epoch() difference exactly.
        await LoadAsync(FeedLayouts.StatusEvents, CanonicalCsv.Write(FeedLayouts.StatusEvents, new Dictionary<string, string>
        {
            ["source"] = "crm", ["external_id"] = "E4-6", ["complaint_source"] = SlaFixture.Source, ["complaint_id"] = "E4",
            ["occurred_at"] = "2025-03-21T09:15:42.123457+01:00", ["to_status"] = "closed", ["updated_at"] = "2025-03-21T09:15:42+01:00",
        }));
        const string windowed = """
            SELECT complaint_key, status, seconds FROM (
                SELECT complaint_key, to_status AS status,
                       epoch(lead(occurred_at) OVER (PARTITION BY complaint_key ORDER BY occurred_at)) - epoch(occurred_at) AS seconds
                FROM status_events WHERE complaint_key IS NOT NULL)
            WHERE seconds IS NOT NULL
            """;
        long Differences()
        {
            using var connection = _warehouse.Database.OpenConnection();
            return connection.Scalar<long>($"""
                SELECT (SELECT count(*) FROM (SELECT * FROM status_intervals EXCEPT ALL {windowed}))
                     + (SELECT count(*) FROM ({windowed} EXCEPT ALL SELECT * FROM status_intervals))
                """);
        }
        using (var connection = _warehouse.Database.OpenConnection())
            Assert.True(connection.Scalar<long>("SELECT count(*) FROM status_intervals WHERE seconds <> floor(seconds)") > 0);
        Assert.Equal(0, Differences());

        await new SlaMeasures(Options.Create(SlaFixture.Options()), Options.Create(new ReportingOptions()), _time) { BatchSize = 2 }
            .RecalculateAllAsync(_warehouse.Database, "admin@example.com");
        Assert.Equal(0, Differences());
    }

    [Fact]
    public async Task Backlog_ages_open_complaints_by_local_days_at_the_as_of_instant()
    {
        await LoadAllAsync();
        var queries = new SlaQueries(_warehouse.Database, Options.Create(new ReportingOptions()), _time);

        var backlog = queries.Backlog(ComplaintFilter.All, _time.GetUtcNow());

        Assert.Equal(
            [new BacklogBucket("0-3", 2, 0), new BacklogBucket("4-7", 2, 0), new BacklogBucket("8-14", 2, 0), new BacklogBucket(">14", 2, 1)],
            backlog);
    }

    [Fact]
    public async Task Time_left_is_worked_out_from_the_stored_due_time_at_the_as_of_instant()
    {
        await LoadAllAsync();
        var queries = new SlaQueries(_warehouse.Database, Options.Create(new ReportingOptions()), _time);

        var due = queries.DueSoon(ComplaintFilter.All, _time.GetUtcNow()).ToDictionary(d => d.ExternalId, d => d.HoursLeft);

        Assert.Equal(8, due.Count);
        Assert.Equal(-(12 * 24 + 12), due["O8"]);     // due 4 June 00:00, asked 16 June 12:00
        Assert.Equal(14 * 24 + 12, due["O1"]);        // deadline Monday 30 June, due 1 July 00:00
        Assert.Equal("O8", queries.DueSoon(ComplaintFilter.All, _time.GetUtcNow(), limit: 1).Single().ExternalId);
    }

    [Fact]
    public async Task Time_per_status_comes_from_the_intervals_between_status_changes()
    {
        await LoadAllAsync();
        var queries = new SlaQueries(_warehouse.Database, Options.Create(new ReportingOptions()), _time, readRollup: false); // the intervals themselves: exact medians, not the sketch's

        var perStatus = queries.TimePerStatus(ComplaintFilter.All).ToDictionary(s => s.Status, s => (s.Intervals, s.MedianHours, s.TotalHours));

        // E3: new 1 h, waiting 48 h, in progress 46 h; E4: new 48 h, resolved 48 h, reopened 75 h; the last status of each is still open.
        Assert.Equal(new Dictionary<string, (long, double, double)>
        {
            ["new"] = (2, 24.5, 49), [SlaFixture.WaitingForCustomer] = (1, 48, 48), ["in_progress"] = (1, 46, 46),
            ["resolved"] = (1, 48, 48), ["reopened"] = (1, 75, 75),
        }, perStatus);
    }

    [Fact]
    public async Task A_later_status_event_closes_the_interval_it_follows()
    {
        await LoadAllAsync();
        var queries = new SlaQueries(_warehouse.Database, Options.Create(new ReportingOptions()), _time, readRollup: false); // the intervals themselves: exact medians, not the sketch's

        // E4 was resolved on 17 March 12:00 (still open); closing it on 20 March 12:00 makes that a 72 h interval.
        await LoadAsync(FeedLayouts.StatusEvents, CanonicalCsv.Write(FeedLayouts.StatusEvents, new Dictionary<string, string>
        {
            ["source"] = "crm", ["external_id"] = "E4-5", ["complaint_source"] = SlaFixture.Source, ["complaint_id"] = "E4",
            ["occurred_at"] = "2025-03-20T12:00:00+01:00", ["to_status"] = "closed", ["updated_at"] = "2025-03-20T12:00:00+01:00",
        }));
        var resolved = queries.TimePerStatus(ComplaintFilter.All).Single(s => s.Status == "resolved");

        Assert.Equal((2L, 60.0, 120.0), (resolved.Intervals, resolved.MedianHours, resolved.TotalHours));
    }

    [Fact]
    public async Task Measures_a_stopped_process_left_pending_are_taken_at_the_next_start_and_the_next_load()
    {
        await LoadAllAsync();
        // As a process stopped between a load's commit and its measuring leaves it: the note, and no measures.
        Execute("DELETE FROM complaint_sla");
        Execute("INSERT INTO sla_pending SELECT run_id, feed FROM ingest_runs WHERE feed IN ('complaints', 'status_events')");
        var measures = MeasuresWith(SlaFixture.Options());

        var measured = await measures.RefreshPendingAsync(_warehouse.Database);

        Assert.True(measured >= SlaFixture.Complaints.Count);
        Assert.Equal(SlaFixture.Complaints.Count, _warehouse.Count("complaint_sla"));
        Assert.Equal(0, _warehouse.Count("sla_pending"));

        Execute("DELETE FROM complaint_sla");
        Execute("INSERT INTO sla_pending SELECT run_id, feed FROM ingest_runs WHERE feed = 'complaints'");
        var redelivered = _warehouse.WriteFile("again.csv", SlaFixture.Files().First().Csv);
        Assert.Equal(LoadStatus.Unchanged, (await _loader.LoadAsync(redelivered, SlaFixture.Files().First().Feed)).Status);
        Assert.Equal(SlaFixture.Complaints.Count, _warehouse.Count("complaint_sla"));
        Assert.Equal(0, _warehouse.Count("sla_pending"));
    }

    private void Execute(string sql)
    {
        using var connection = _warehouse.Database.OpenConnection();
        connection.Execute(sql);
    }
}
