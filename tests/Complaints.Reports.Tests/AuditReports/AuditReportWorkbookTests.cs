using System.Security.Cryptography;
using ClosedXML.Excel;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Reports.AuditReports;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.AuditReports;

namespace Complaints.Reports.Tests.AuditReports;

/// <summary>The audit report's workbook over the fixture, read back with ClosedXML: cover, register, deadlines, breaches, logs, lineage; its issue logged.</summary>
public sealed class AuditReportWorkbookTests : IAsyncLifetime
{
    private AuditReportsHost _host = null!;
    private static readonly ComplaintFilter Q1 = new(From: new DateOnly(2024, 1, 1), To: new DateOnly(2024, 3, 31));

    public async Task InitializeAsync() => _host = await AuditReportsHost.CreateAsync();

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    private static List<string> Header(IXLWorksheet sheet) => sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();

    private static IXLRangeRow RowOf(IXLWorksheet sheet, string externalId)
    {
        var column = Header(sheet).IndexOf("external_id") + 1;
        return sheet.RangeUsed().RowsUsed().Single(r => r.Cell(column).GetString() == externalId);
    }

    private static string CoverValue(IXLWorksheet cover, string label) =>
        cover.RowsUsed().Single(r => r.Cell(1).GetString() == label).Cell(2).GetString();

    [Fact]
    public async Task The_register_holds_every_complaint_of_the_period_in_ISO_10002_terms_with_real_types()
    {
        var (bytes, issued) = await _host.IssueAsync(AuditReportKind.Register, Q1);

        using var book = new XLWorkbook(new MemoryStream(bytes));
        Assert.Equal(["Cover", "Register", "Statutory deadline", "SLA breaches", "Access log", "Lineage", "Runs", "Roll-backs"], book.Worksheets.Select(w => w.Name));
        var register = book.Worksheet("Register");
        Assert.Equal(["source", "external_id", "received", "acknowledged", "remedy_sought", "decision", "answer_sent", "closed", "status", "handler", "team",
            "channel", "product", "product_name"], Header(register));
        Assert.Equal(9 + 1, register.LastRowUsed().RowNumber()); // C1–C9, all received in the quarter
        // Oldest first; C5 arrived on 1 January in Warsaw (23:30 UTC the day before): a real date, local time.
        Assert.Equal("C5", register.Cell(2, 2).GetString());
        Assert.Equal(new DateTime(2024, 1, 1, 0, 30, 0), register.Cell(2, 3).GetDateTime());
        Assert.Contains("yyyy", register.Cell(2, 3).Style.NumberFormat.Format);
        // The fixture's feed gives no first response, answer or closing time: those cells are empty, as the cover says.
        Assert.True(RowOf(register, "C1").Cell(4).IsEmpty());
        Assert.Equal("'@phone", RowOf(register, "C9").Cell(12).GetString()); // a channel that looks like a formula stays text
        Assert.Equal("Kettle Aqua", RowOf(register, "C1").Cell(14).GetString());

        var cover = book.Worksheet("Cover");
        Assert.Equal("Audit report: complaint register", cover.Cell(1, 1).GetString());
        Assert.Equal("2024-01-01 – 2024-03-31", CoverValue(cover, "Period (complaints received)"));
        Assert.Equal(issued.ContentSha256, CoverValue(cover, "SHA-256 of the content"));
        Assert.Equal(issued.HeadSeq, (long)cover.RowsUsed().Single(r => r.Cell(1).GetString() == "Audit chain head (entry)").Cell(2).GetDouble());
        Assert.Equal(issued.HeadHash, CoverValue(cover, "Head hash"));
        Assert.StartsWith($"entry {issued.HeadSeq}, signed 2026-03-02 09:00:00 UTC", CoverValue(cover, "Last signed checkpoint"));
        Assert.Contains("empty when the complaints feed does not deliver it", CoverValue(cover, "acknowledged"));
        Assert.Equal(9, cover.RowsUsed().Single(r => r.Cell(1).GetString() == "Complaints in the register").Cell(2).GetDouble());
    }

    [Fact]
    public async Task Statutory_deadlines_say_which_were_missed_and_how_late_and_SLA_breaches_how_far_over()
    {
        var (bytes, _) = await _host.IssueAsync(AuditReportKind.Register, Q1);

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var statutory = book.Worksheet("Statutory deadline");
        var header = Header(statutory);
        int Col(string name) => header.IndexOf(name) + 1;
        // C1: received 10 January, resolved on the 14th: in time (14 days, counted from the next day: deadline 24 January).
        var c1 = RowOf(statutory, "C1");
        Assert.Equal("met", c1.Cell(Col("outcome")).GetString());
        Assert.Equal(new DateTime(2024, 1, 24), c1.Cell(Col("deadline")).GetDateTime());
        Assert.False(c1.Cell(Col("deemed_accepted")).GetBoolean());
        // C4 was never answered: deemed accepted, late from its deadline (15 February) to the report's day (2 March 2026).
        var c4 = RowOf(statutory, "C4");
        Assert.Equal("unanswered", c4.Cell(Col("outcome")).GetString());
        Assert.True(c4.Cell(Col("deemed_accepted")).GetBoolean());
        Assert.Equal((new DateOnly(2026, 3, 2).DayNumber - new DateOnly(2024, 2, 15).DayNumber), c4.Cell(Col("days_late")).GetDouble());

        var breaches = book.Worksheet("SLA breaches");
        var b = Header(breaches);
        var c4Breach = RowOf(breaches, "C4");
        Assert.Equal("statutory", c4Breach.Cell(b.IndexOf("policy") + 1).GetString());
        Assert.Equal("resolution", c4Breach.Cell(b.IndexOf("target") + 1).GetString());
        Assert.True(c4Breach.Cell(b.IndexOf("done") + 1).IsEmpty());
        var due = c4Breach.Cell(b.IndexOf("due") + 1).GetDateTime();
        // Still open: hours over run to the report's instant (09:00 UTC is 10:00 in Warsaw).
        Assert.Equal((new DateTime(2026, 3, 2, 10, 0, 0) - due).TotalHours, c4Breach.Cell(b.IndexOf("hours_over") + 1).GetDouble(), 2);

        // Each record names its run; each run's file and digest are on the runs sheet once, not repeated per record.
        var lineage = book.Worksheet("Lineage");
        var l = Header(lineage);
        Assert.Equal(["source", "external_id", "run_id", "earlier_versions"], l);
        var lineageRows = lineage.RangeUsed().RowsUsed().Skip(1).ToList();
        Assert.Equal(9, lineageRows.Count);
        var runs = book.Worksheet("Runs");
        var u = Header(runs);
        Assert.Equal(["run_id", "feed", "file_name", "file_sha256", "loaded", "demo", "records"], u);
        var runRows = runs.RangeUsed().RowsUsed().Skip(1).ToList();
        Assert.All(runRows, r => Assert.EndsWith(".csv", r.Cell(u.IndexOf("file_name") + 1).GetString()));
        Assert.All(runRows, r => Assert.Equal(64, r.Cell(u.IndexOf("file_sha256") + 1).GetString().Length));
        Assert.Equal(lineageRows.Select(r => r.Cell(l.IndexOf("run_id") + 1).GetDouble()).Distinct().Order(),
            runRows.Select(r => r.Cell(u.IndexOf("run_id") + 1).GetDouble()).Order());
        Assert.Equal(9, runRows.Sum(r => r.Cell(u.IndexOf("records") + 1).GetDouble()));
    }

    [Fact]
    public async Task The_access_log_and_roll_backs_of_the_period_are_in_it()
    {
        var extra = await _host.Warehouse.Loader().LoadAsync(_host.Warehouse.WriteFile("late.csv", CanonicalCsv.Write(FeedLayouts.Complaints, new Dictionary<string, string>
        {
            ["source"] = OverviewFixture.Source, ["external_id"] = "C20", ["updated_at"] = "2026-03-01T10:00:00+01:00", ["received_at"] = "2026-03-01T10:00:00+01:00",
            ["status"] = "new", ["product_sku"] = "HA-0001", ["channel"] = "email", ["customer_id"] = "K-C20", ["customer_segment"] = "standard",
        })), FeedLayouts.Complaints);
        Assert.Equal(LoadStatus.Loaded, extra.Status);
        await _host.Warehouse.Rollback().RollBackAsync(extra.RunId, "admin-1");
        _host.Time.Advance(TimeSpan.FromMinutes(5));

        var (bytes, _) = await _host.IssueAsync(AuditReportKind.Register, new ComplaintFilter(From: new DateOnly(2026, 3, 1), To: new DateOnly(2026, 3, 2)));

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var access = book.Worksheet("Access log");
        var a = Header(access);
        var actions = access.RangeUsed().RowsUsed().Skip(1).Select(r => r.Cell(a.IndexOf("action") + 1).GetString()).ToList();
        Assert.Contains("ingest.rollback", actions);
        Assert.Contains(access.RangeUsed().RowsUsed().Skip(1), r => r.Cell(a.IndexOf("actor") + 1).GetString() == "admin-1");
        var rollBacks = book.Worksheet("Roll-backs");
        var r = Header(rollBacks);
        var row = Assert.Single(rollBacks.RangeUsed().RowsUsed().Skip(1));
        Assert.Equal(extra.RunId, (long)row.Cell(r.IndexOf("run_id") + 1).GetDouble());
        Assert.Equal("late.csv", row.Cell(r.IndexOf("file_name") + 1).GetString());
        Assert.Equal("admin-1", row.Cell(r.IndexOf("rolled_back_by") + 1).GetString());
        Assert.Equal(1, book.Worksheet("Register").LastRowUsed().RowNumber()); // the rolled-back complaint is gone
    }

    [Fact]
    public async Task A_register_too_large_for_Excel_is_refused_from_a_count_before_any_row_is_hashed()
    {
        // Excel's limit made 2 rows: the quarter's 9 complaints are too many for the register sheet.
        var issuer = _host.IssuerWithRowLimit(2);
        var scope = AuditReportScope.Of(Q1, _host.Time.GetUtcNow(), out _)!;

        var refused = await Assert.ThrowsAsync<RegisterTooLargeForExcel>(() => issuer.PrepareAsync(AuditReportKind.Register, scope, AuditReportsHost.English));

        Assert.Equal((AuditSheet.Register, 9L, 2L), (refused.Sheet, refused.Rows, refused.Limit));
        Assert.Contains(_host.IssuerLog.Messages, m => m.Contains("refused after counting its rows", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.IssuerLog.Messages, m => m.Contains("rows hashed", StringComparison.Ordinal));
        Assert.Empty(_host.Log.Latest());

        // Within the limit the same issuer reads the content, and the workbook carries the digest the summary carries.
        using var summary = await issuer.PrepareAsync(AuditReportKind.Summary, scope, AuditReportsHost.English);
        var (_, register) = await _host.IssueAsync(AuditReportKind.Register, Q1);
        Assert.Contains(_host.IssuerLog.Messages, m => m.Contains("rows hashed", StringComparison.Ordinal));
        Assert.Equal(summary.Cover.Summary.ContentSha256, register.ContentSha256);
    }

    [Fact]
    public async Task An_issued_report_is_logged_with_the_digest_of_its_bytes_and_on_the_audit_trail()
    {
        var (bytes, issued) = await _host.IssueAsync(AuditReportKind.Register, Q1 with { Product = "HA-0001" });

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), issued.FileSha256);
        Assert.Equal(bytes.Length, issued.Bytes);
        Assert.Equal("product=HA-0001", issued.Filter);
        Assert.Equal("auditor-1", issued.IssuedBy);
        var found = Assert.Single(_host.Log.WithFileDigest(issued.FileSha256));
        Assert.Equal(issued.Id, found.Id);
        Assert.Equal(issued.ContentSha256, found.ContentSha256);
        Assert.Empty(_host.Log.WithFileDigest(Convert.ToHexStringLower(SHA256.HashData([.. bytes, 0]))));
        using (var connection = _host.Warehouse.Database.OpenConnection())
        {
            var entry = connection.QueryList("SELECT actor, subject, after_json FROM audit_log WHERE action = $a", r => (r.GetString(0), r.GetString(1), r.GetString(2)),
                ("a", IssuedReports.IssuedAction)).Single();
            Assert.Equal("auditor-1", entry.Item1);
            Assert.Equal($"issued_reports/{issued.Id}", entry.Item2);
            Assert.Contains(issued.FileSha256, entry.Item3);
        }
        // The entry is anchored like any other: the trail verifies, its head past the report's.
        var verification = _host.Checkpoints.Verify();
        Assert.True(verification.Intact, verification.Summary);
        Assert.Equal(issued.HeadSeq + 1, verification.HeadSeq);
    }

    [Fact]
    public async Task A_period_is_required_and_a_future_instant_refused()
    {
        Assert.Null(AuditReportScope.Of(ComplaintFilter.All, _host.Time.GetUtcNow(), out var problem));
        Assert.Contains("'from' and 'to'", problem);
        Assert.Null(AuditReportScope.Of(Q1 with { AsOf = _host.Time.GetUtcNow().AddDays(1) }, _host.Time.GetUtcNow(), out problem));
        Assert.Contains("future", problem);
        await Task.CompletedTask;
    }
}
