using Complaints.Ingest.Feeds;
using Complaints.Models.Alerts;
using Complaints.Models.Defects;
using Complaints.Models.Jobs;
using Complaints.Models.Risk;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Models.Tests;

/// <summary>
/// The refresh the scheduler runs, on a year of demo data with planted defects: it trains the risk models, stores
/// signals and scores, and mails one digest through a real SMTP server on loopback.
/// </summary>
public sealed class ModelRefreshTests : IAsyncLifetime
{
    private static readonly DateOnly LastDay = new(2026, 11, 29);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly LoopbackSmtp _smtp = new();
    private DemoWarehouse _demo = null!;
    private ModelRefresh _refresh = null!;
    private DefectSignals _signals = null!;

    public async Task InitializeAsync()
    {
        _demo = await DemoWarehouse.CreateAsync(20_000, LastDay, years: 1, _time);
        var warehouse = _demo.Warehouse.Database;
        var models = Options.Create(new ModelsOptions());
        _signals = new DefectSignals(warehouse, Options.Create(new ReportingOptions()), _time);
        var mailer = new Mailer(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = _smtp.Port, StartTls = false }),
            Path.Combine(_demo.Warehouse.Directory, "outbox"), _time);
        var alerts = new ModelAlerts(mailer, Options.Create(new AlertOptions { Recipients = ["quality@example.com"] }), _time, NullLogger<ModelAlerts>.Instance);
        _refresh = new ModelRefresh(warehouse, _signals, new RiskScores(warehouse, models, Options.Create(new ReportingOptions()), _time), alerts, models, _time, NullLogger<ModelRefresh>.Instance);
    }

    public Task DisposeAsync()
    {
        _smtp.Dispose();
        _demo.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_refresh_trains_scores_flags_the_planted_defect_and_mails_one_digest()
    {
        Assert.True(await _refresh.RefreshIfDueAsync());

        using var connection = _demo.Warehouse.Database.OpenConnection();
        var versions = RiskScores.Versions(connection);
        Assert.Equal(2, versions.Count);
        var statutory = Assert.Single(versions, v => v.Target == RiskTarget.Statutory);
        Assert.True(statutory.InUse, $"AUC {statutory.Auc:0.000} against the rule's {statutory.RuleAuc:0.000}");
        Assert.True(statutory.SplitAt < _time.GetUtcNow().AddDays(-15)); // tested on complaints whose outcome is known

        // Every open complaint has a statutory score, but those already answered in time: their deadline is met.
        const string isOpen = "c.status NOT IN ('resolved', 'closed', 'rejected')";
        var open = connection.Scalar<long>($"SELECT count(*) FROM complaints c WHERE {isOpen}");
        var answeredInTime = connection.Scalar<long>($"SELECT count(*) FROM complaints c JOIN complaint_sla s USING (complaint_key) WHERE {isOpen} AND s.statutory_met");
        Assert.Equal(open - answeredInTime, connection.Scalar<long>("SELECT count(*) FROM risk_scores WHERE target = 'statutory'"));
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM risk_scores WHERE model_version IS NULL AND due_at > $now", ("now", _time.GetUtcNow())));
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM risk_scores WHERE probability < 0 OR probability > 1"));
        // Model scores come with their reasons (a complaint just like the usual one may have none that matter).
        var explained = connection.Scalar<double>("SELECT avg(CASE WHEN reasons <> '[]' THEN 1 ELSE 0 END) FROM risk_scores WHERE model_version IS NOT NULL");
        Assert.True(explained > 0.9, $"only {explained:P0} of model scores have reasons");

        var sofa = _demo.Truth.RecurringDefects.Single(d => d.Id == "sofa-seat-sagging");
        var signal = Assert.Single(_signals.List(connection), s => s.Key == $"product|{sofa.Sku}|{sofa.Category}");
        Assert.True(signal.Active);
        Assert.Equal(DefectSignals.New, signal.Status);
        Assert.True(signal.Observed > 2 * signal.Expected);

        var message = Assert.Single(_smtp.Received);
        Assert.Contains("new defect signal", message.Subject);
        Assert.Contains(sofa.Sku, message.TextBody);
        Assert.Equal("quality@example.com", message.To.Mailboxes.Single().Address);

        // Training and both recalculations are audited, naming model versions and series, never a person.
        var audited = AuditLog.Read(connection).Where(e => e.Action is "risk_model.trained" or "risk_scores.recalculated" or "defect_signals.recalculated").ToList();
        Assert.Equal(versions.Select(v => $"model_versions/{v.Version}").Order(), audited.Where(e => e.Action == "risk_model.trained").Select(e => e.Subject).Order());
        Assert.Contains($"\"scores\":{connection.Scalar<long>("SELECT count(*) FROM risk_scores")}", audited.Single(e => e.Action == "risk_scores.recalculated").AfterJson);
        Assert.Contains(signal.Key, audited.Single(e => e.Action == "defect_signals.recalculated").AfterJson);
        Assert.Null(AuditLog.Verify(connection));
    }

    [Fact]
    public async Task Nothing_is_refreshed_again_until_a_load_or_an_hour_has_passed()
    {
        Assert.True(await _refresh.RefreshIfDueAsync());
        Assert.False(await _refresh.RefreshIfDueAsync());
        _time.Advance(TimeSpan.FromMinutes(61));
        Assert.True(await _refresh.RefreshIfDueAsync());
        // The same signals are not announced twice; a later digest only names VIP complaints that have turned high-risk since.
        Assert.All(_smtp.Received.Skip(1), m => Assert.StartsWith("Complaints: 0 new defect signal(s)", m.Subject));
    }

    [Fact]
    public async Task A_load_asks_for_the_next_refresh_without_waiting_for_the_hour()
    {
        Assert.True(await _refresh.RefreshIfDueAsync());
        var costs = CostFeedbackFixture.Files().Single(f => f.Feed == FeedLayouts.Costs);
        await _demo.Warehouse.Loader().LoadAsync(_demo.Warehouse.WriteFile("more-costs.csv", costs.Csv), costs.Feed);

        Assert.True(await _refresh.RefreshIfDueAsync());
        Assert.False(await _refresh.RefreshIfDueAsync());
    }

    [Fact]
    public async Task A_dismissed_signal_stays_quiet_until_its_count_grows_by_half_and_every_change_is_audited()
    {
        var day = _signals.JudgedDay();
        DefectSignal Found(long observed) => new(DefectSignal.Excess, "product", "HA-0001", "Home appliances", "leaking",
            day.AddDays(-6), day, observed, 4.0, 0, 1e-6, null, null);
        Assert.Single(await _signals.StoreAsync([Found(12)], day));

        Assert.True(await _signals.SetStatusAsync("product|HA-0001|leaking", DefectSignals.Dismissed, "known supplier issue, fixed in batch 42", "quality manager"));
        Assert.Empty(await _signals.StoreAsync([Found(17)], day));
        using (var connection = _demo.Warehouse.Database.OpenConnection())
            Assert.Equal(DefectSignals.Dismissed, _signals.List(connection).Single().Status);

        var back = Assert.Single(await _signals.StoreAsync([Found(18)], day));
        Assert.Equal(DefectSignals.New, back.Status);
        Assert.Contains("evidence grew", back.StatusReason);

        using var audit = _demo.Warehouse.Database.OpenConnection();
        var entries = AuditLog.Read(audit).Where(e => e.Action == "defect_signal.status").ToList();
        Assert.Equal(["quality manager", "system"], entries.Select(e => e.Actor));
        Assert.Contains("known supplier issue", entries[0].AfterJson);
        Assert.Null(AuditLog.Verify(audit));
    }
}
