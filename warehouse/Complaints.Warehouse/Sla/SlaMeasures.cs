using System.Globalization;
using System.Text.Json;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Writes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Sla;

/// <summary>
/// Keeps <c>complaint_sla</c> in step with the complaints and their status history, listening to the writer gate:
/// a load notes its run as pending in its own transaction and the complaints it touched are measured right after it
/// commits; a roll-back measures the complaints it changed inside its transaction; an administrator can ask for a full
/// recalculation, which is audit-logged. Measuring is C# (see docs/decisions/0004); writing is one Appender pass
/// into a temporary table and one set-based merge.
/// </summary>
public sealed class SlaMeasures : IDerivedTables
{
    public const string ReopenedStatus = "reopened";
    public const string RecalculationAction = "sla.recalculate";

    private readonly SlaOptions _options;
    private readonly SlaPolicySet _policies;
    private readonly SlaClock _clock;
    private readonly StatutoryDeadline _statutory;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _endingStatuses;

    /// <param name="reporting">Its ending statuses (<c>Reporting:EndingStatuses</c>) say which complaints are closed.</param>
    public SlaMeasures(IOptions<SlaOptions> sla, IOptions<ReportingOptions> reporting, TimeProvider time)
    {
        var options = sla.Value;
        if (options.Problems() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(sla));
        _options = options;
        _policies = options.BuildPolicySet();
        _statutory = options.BuildStatutoryDeadline();
        _clock = new SlaClock(options.BuildBusinessCalendar(), _statutory);
        _time = time;
        _endingStatuses = new(reporting.Value.EndingStatusList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A load notes, in its transaction, that the complaints its run touched are to be measured again: its complaints,
    /// the complaints of its status events, the complaints of its products (a product line decides a policy). The
    /// measuring runs in a transaction of its own right after the load commits (<see cref="AfterCommit"/>), so a
    /// million-row load does not hold its transaction open for it; figures lag the data by those seconds, and a crash in
    /// between leaves the note for the next start. A roll-back measures the complaints it changed in its own transaction.
    /// </summary>
    public void BeforeCommit(DuckDBConnection connection, WarehouseChange change)
    {
        if (change is { Kind: ChangeKind.Load, Feed: { } feed, RunId: { } run } && TouchedComplaints(feed) is not null)
            connection.Execute("INSERT INTO sla_pending VALUES ($run, $feed)", ("run", run), ("feed", feed));
        else if (change is { Kind: ChangeKind.Rollback, ComplaintKeys: { Count: > 0 } keys })
            Refresh(connection, keys);
    }

    /// <summary>
    /// After a write: measures what a load noted, and what any load before it left noted when its process stopped. A first
    /// load's notes wait for its end (<see cref="AfterFirstLoad"/>), so complaints are measured once with their status events.
    /// </summary>
    public void AfterCommit(DuckDBConnection connection, WarehouseChange change)
    {
        if (change.Kind != ChangeKind.Recalculation && !change.Deferred)
            RefreshPending(connection);
    }

    public void AfterFirstLoad(DuckDBConnection connection) => RefreshPending(connection);

    /// <summary>
    /// Measures again the complaints of every noted load, in one transaction with the notes' removal: a complaint several
    /// loads touched is measured once. Runs on the caller's connection, outside any transaction. Returns the number of
    /// complaints measured.
    /// </summary>
    public int RefreshPending(DuckDBConnection connection)
    {
        var pending = connection.QueryList("SELECT run_id, feed FROM sla_pending ORDER BY run_id", r => (Run: r.GetInt64(0), Feed: r.GetString(1)));
        if (pending.Count == 0)
            return 0;
        using var transaction = connection.BeginTransaction();
        // Each note's run is spelled into its query: the runs are the warehouse's own numbers.
        var touched = string.Join(" UNION ", pending.Select(p => TouchedComplaints(p.Feed)!.Replace("$run", p.Run.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        connection.Execute($"CREATE OR REPLACE TEMP TABLE sla_touched AS {touched}");
        // The latest run names the measures: the SLA rollup takes every complaint measured by a run after its last as changed.
        var measured = MeasureTouched(connection, pending[^1].Run);
        connection.Execute("DELETE FROM sla_pending WHERE run_id <= $run", ("run", pending[^1].Run));
        transaction.Commit();
        return measured;
    }

    /// <summary>Measures what loads left pending when the process stopped between a load and its measuring.</summary>
    public Task<int> RefreshPendingAsync(WarehouseDatabase warehouse, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection => Task.FromResult(RefreshPending(connection)), cancellationToken);

    private static string? TouchedComplaints(string feed) => feed switch
    {
        "complaints" => "SELECT complaint_key FROM complaints WHERE run_id = $run",
        "status_events" => "SELECT DISTINCT complaint_key FROM status_events WHERE run_id = $run AND complaint_key IS NOT NULL",
        "products" => "SELECT c.complaint_key FROM complaints c JOIN products p ON p.sku = c.product_sku WHERE p.run_id = $run",
        _ => null,
    };

    /// <summary>
    /// Measures the given complaints again on the caller's connection and transaction, and drops the measures of those
    /// no longer in the warehouse (a rolled-back run removed them). Returns the number of complaints measured.
    /// </summary>
    public int Refresh(DuckDBConnection connection, IEnumerable<long> complaintKeys)
    {
        connection.Execute("CREATE OR REPLACE TEMP TABLE sla_touched (complaint_key BIGINT)");
        using (var appender = connection.CreateAppender("sla_touched"))
            foreach (var key in complaintKeys)
                appender.CreateRow().AppendValue(key).EndRow();
        const string gone = "complaint_key IN (SELECT complaint_key FROM sla_touched) AND complaint_key NOT IN (SELECT complaint_key FROM complaints)";
        connection.Execute($"INSERT INTO complaint_sla_versions SELECT *, $at FROM complaint_sla WHERE {gone}", ("at", _time.GetUtcNow()));
        connection.Execute($"DELETE FROM complaint_sla WHERE {gone}");
        return MeasureTouched(connection, runId: null);
    }

    /// <summary>
    /// Measures every complaint again with the policies configured now, in one write transaction, and writes who asked
    /// for it to the audit log. Complaints keep the policy version in force at their receipt, so only a changed
    /// version or rule changes their figures.
    /// </summary>
    public Task<int> RecalculateAllAsync(WarehouseDatabase warehouse, string actor, CancellationToken cancellationToken = default) =>
        warehouse.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var before = connection.Scalar<long>("SELECT count(*) FROM complaint_sla");
            connection.Execute("CREATE OR REPLACE TEMP TABLE sla_touched AS SELECT complaint_key FROM complaints");
            var measured = MeasureTouched(connection, runId: null);
            AuditLog.Append(connection, _time, actor, RecalculationAction, "complaint_sla",
                JsonSerializer.Serialize(new { measuredComplaints = before }),
                JsonSerializer.Serialize(new { measuredComplaints = measured, policies = PolicySummary() }));
            warehouse.Commit(transaction, WarehouseChange.Recalculation);
            return Task.FromResult(measured);
        }, cancellationToken);

    private object PolicySummary() => _options.Policies.Select(p => new { p.Name, p.ValidFrom }).ToList();

    /// <summary>
    /// Complaints measured per batch: a batch's rows and status changes are held in memory while it is measured (two
    /// batches at a time, one read while the other is measured), so memory stays bounded by the batch, not by the load
    /// (48 million status events at 10 million complaints).
    /// </summary>
    public int BatchSize { get; init; } = 250_000;

    private int MeasureTouched(DuckDBConnection connection, long? runId)
    {
        var computedAt = _time.GetUtcNow();
        connection.Execute("CREATE OR REPLACE TEMP TABLE sla_stage AS SELECT * FROM complaint_sla WITH NO DATA");
        connection.Execute("DELETE FROM status_intervals WHERE complaint_key IN (SELECT complaint_key FROM sla_touched)");
        var measured = 0;
        using (var measures = connection.CreateAppender("sla_stage"))
        using (var intervals = connection.CreateAppender("status_intervals"))
        {
            // A batch is measured on another thread while this one reads the next from DuckDB: the connection is only
            // ever used here. Reading (DuckDB, this thread) is the longer half: about 2 s per batch against about 1 s.
            Task<MeasuredBatch>? measuring = null;
            foreach (var (from, to) in Batches(connection))
            {
                var batch = MeasuringBatch.Read(connection, from, to, _endingStatuses);
                if (measuring is not null)
                    measured += Write(measuring.GetAwaiter().GetResult(), measures, intervals, computedAt, runId);
                measuring = Task.Run(() => MeasureBatch(batch));
            }
            if (measuring is not null)
                measured += Write(measuring.GetAwaiter().GetResult(), measures, intervals, computedAt, runId);
        }
        // A measure whose figures change keeps its former value, so an audit report can be reproduced as of a past date.
        connection.Execute(Sql.Load(typeof(SlaMeasures).Assembly, "Sla.KeepVersions.sql"), ("at", computedAt));
        connection.Execute("INSERT OR REPLACE INTO complaint_sla SELECT * FROM sla_stage");
        connection.Execute("DROP TABLE sla_stage; DROP TABLE sla_touched;");
        return measured;
    }

    /// <summary>Key ranges [from, to) of the touched complaints, <see cref="BatchSize"/> complaints each.</summary>
    private List<(long From, long To)> Batches(DuckDBConnection connection)
    {
        var starts = connection.QueryList("""
            SELECT complaint_key FROM (SELECT complaint_key, row_number() OVER (ORDER BY complaint_key) - 1 AS n FROM sla_touched)
            WHERE n % $batch = 0 ORDER BY complaint_key
            """, r => r.GetInt64(0), ("batch", BatchSize));
        return [.. starts.Select((from, i) => (from, i + 1 < starts.Count ? starts[i + 1] : long.MaxValue))];
    }

    /// <summary>A batch's measures, with the batch they came from (its status intervals are written with them).</summary>
    private sealed record MeasuredBatch(MeasuringBatch Batch, List<SlaMeasure> Measures);

    private MeasuredBatch MeasureBatch(MeasuringBatch batch)
    {
        var measures = new List<SlaMeasure>(batch.Complaints.Count);
        var cursor = 0;
        foreach (var complaint in batch.Complaints)
            measures.Add(Measure(complaint, batch.ChangesOf(complaint.ComplaintKey, ref cursor)));
        return new MeasuredBatch(batch, measures);
    }

    private static int Write(MeasuredBatch measured, DuckDBAppender measures, DuckDBAppender intervals, DateTimeOffset computedAt, long? runId)
    {
        foreach (var measure in measured.Measures)
            Append(measures, measure, computedAt, runId);
        foreach (var (key, status, seconds) in measured.Batch.Intervals())
            intervals.CreateRow().AppendValue(key).AppendValue(status).AppendValue(seconds).EndRow();
        return measured.Measures.Count;
    }

    /// <summary>One complaint's measures, from its row and its status changes; nothing here depends on the current time.</summary>
    public SlaMeasure Measure(SlaInput complaint, IReadOnlyList<(DateTimeOffset OccurredAt, string ToStatus)> statusChanges)
    {
        var assignment = _policies.For(complaint.Attributes, complaint.ReceivedAt);
        var policy = assignment.Policy;
        // Most policies pause for nothing; they need no intervals (this runs millions of times in a first load).
        IReadOnlyList<ClockPause> pauses = policy.PausingStatuses.Count == 0
            ? []
            : StatusIntervals.Pauses(StatusIntervals.FromChanges(statusChanges), policy.PausingStatuses);

        var deadline = _statutory.DeadlineFor(complaint.ReceivedAt);
        var statutoryDueAt = _statutory.DeadlineEndsAt(complaint.ReceivedAt);
        DateOnly? answeredOn = (complaint.AnsweredAt ?? complaint.ResolvedAt) is { } answer ? _statutory.LocalDate(answer) : null;
        bool? statutoryMet = answeredOn is { } on ? on <= deadline : null;
        // Closed without an answer or resolution date: whether it was answered in time cannot be known.
        var statutoryOutcome = statutoryMet switch { true => "answered_in_time", false => "answered_late", null => complaint.Ended ? "unknown" : null };

        var firstResponseDue = policy.FirstResponse is { } fr ? _clock.DueAt(fr, complaint.ReceivedAt, pauses) : null;
        var resolutionDue = _clock.DueAt(policy.Resolution, complaint.ReceivedAt, pauses);

        bool? firstResponseBreached = policy.FirstResponse is { } target && complaint.FirstResponseAt is { } responded
            ? _clock.Elapsed(target.Mode, complaint.ReceivedAt, responded, pauses) > target.Duration
            : null;
        bool? resolutionBreached = complaint.ResolvedAt is { } resolved
            ? policy.Resolution.Mode == SlaClockMode.StatutoryDeadline
                ? resolved >= statutoryDueAt
                : _clock.Elapsed(policy.Resolution.Mode, complaint.ReceivedAt, resolved, pauses) > policy.Resolution.Duration
            : null;

        return new SlaMeasure(
            complaint.ComplaintKey, policy.Name, assignment.VersionValidFrom == DateTimeOffset.MinValue ? null : assignment.VersionValidFrom, deadline, statutoryDueAt, answeredOn,
            statutoryOutcome, statutoryMet,
            firstResponseDue, resolutionDue,
            Seconds(complaint.FirstResponseAt, SlaClockMode.Calendar), Seconds(complaint.FirstResponseAt, SlaClockMode.BusinessHours),
            Seconds(complaint.ResolvedAt, SlaClockMode.Calendar), Seconds(complaint.ResolvedAt, SlaClockMode.BusinessHours),
            PausedSeconds(pauses, complaint.ReceivedAt, complaint.ResolvedAt),
            firstResponseBreached, resolutionBreached,
            ReopenCount(statusChanges));

        long? Seconds(DateTimeOffset? until, SlaClockMode mode) =>
            until is { } end ? (long)_clock.Elapsed(mode, complaint.ReceivedAt, end, pauses).TotalSeconds : null;
    }

    private static int ReopenCount(IReadOnlyList<(DateTimeOffset OccurredAt, string ToStatus)> statusChanges)
    {
        var reopened = 0;
        for (var i = 0; i < statusChanges.Count; i++)
            if (string.Equals(statusChanges[i].ToStatus, ReopenedStatus, StringComparison.OrdinalIgnoreCase))
                reopened++;
        return reopened;
    }

    // A pause still open has no length yet; it is counted once it ends (the next load of its status event refreshes it).
    private static long PausedSeconds(IReadOnlyList<ClockPause> pauses, DateTimeOffset received, DateTimeOffset? resolved)
    {
        var total = TimeSpan.Zero;
        for (var i = 0; i < pauses.Count; i++)
        {
            var pause = pauses[i];
            if (pause.End is not { } end)
                continue;
            var start = pause.Start > received ? pause.Start : received;
            if (resolved is { } r && end > r)
                end = r;
            if (end > start)
                total += end - start;
        }
        return (long)total.TotalSeconds;
    }

    private static void Append(DuckDBAppender appender, SlaMeasure m, DateTimeOffset computedAt, long? runId)
    {
        var row = appender.CreateRow()
            .AppendValue(m.ComplaintKey)
            .AppendValue(m.PolicyName)
            .AppendValue(m.PolicyValidFrom)
            .AppendValue(m.StatutoryDeadline)
            .AppendValue(m.StatutoryDueAt)
            .AppendValue(m.AnsweredOn)
            .AppendValue(m.StatutoryOutcome)
            .AppendValue(m.StatutoryMet)
            .AppendValue(m.FirstResponseDueAt)
            .AppendValue(m.ResolutionDueAt)
            .AppendValue(m.FirstResponseElapsedSeconds)
            .AppendValue(m.FirstResponseBusinessSeconds)
            .AppendValue(m.ResolutionElapsedSeconds)
            .AppendValue(m.ResolutionBusinessSeconds)
            .AppendValue(m.PausedSeconds)
            .AppendValue(m.FirstResponseBreached)
            .AppendValue(m.ResolutionBreached)
            .AppendValue(m.ReopenCount)
            .AppendValue(computedAt)
            .AppendValue(runId);
        row.EndRow();
    }
}

/// <summary>What measuring one complaint needs from its row; <see cref="Ended"/>: its status is an ending status.</summary>
public sealed record SlaInput(
    long ComplaintKey,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? AnsweredAt,
    ComplaintAttributes Attributes,
    bool Ended = false);

/// <summary>One row of <c>complaint_sla</c> without its bookkeeping columns.</summary>
public sealed record SlaMeasure(
    long ComplaintKey,
    string PolicyName,
    DateTimeOffset? PolicyValidFrom,
    DateOnly StatutoryDeadline,
    DateTimeOffset StatutoryDueAt,
    DateOnly? AnsweredOn,
    string? StatutoryOutcome,
    bool? StatutoryMet,
    DateTimeOffset? FirstResponseDueAt,
    DateTimeOffset? ResolutionDueAt,
    long? FirstResponseElapsedSeconds,
    long? FirstResponseBusinessSeconds,
    long? ResolutionElapsedSeconds,
    long? ResolutionBusinessSeconds,
    long PausedSeconds,
    bool? FirstResponseBreached,
    bool? ResolutionBreached,
    int ReopenCount);
