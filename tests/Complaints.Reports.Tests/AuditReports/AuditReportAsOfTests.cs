using ClosedXML.Excel;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Reports.AuditReports;
using Complaints.Testing;
using Microsoft.Extensions.Options;
using Complaints.Warehouse;
using Complaints.Warehouse.AuditReports;

namespace Complaints.Reports.Tests.AuditReports;

/// <summary>Reproduction as of a past instant, and the report's figures against the SLA API's for the same period and filter.</summary>
public sealed class AuditReportAsOfTests : IAsyncLifetime
{
    private AuditReportsHost _host = null!;
    private static readonly ComplaintFilter Q1 = new(From: new DateOnly(2024, 1, 1), To: new DateOnly(2024, 3, 31));

    public async Task InitializeAsync() => _host = await AuditReportsHost.CreateAsync();

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    private static string Complaints(params Dictionary<string, string>[] rows) => CanonicalCsv.Write(FeedLayouts.Complaints, rows);

    private static Dictionary<string, string> Complaint(string id, string received, string updated, string status, string? resolved = null) => new()
    {
        ["source"] = OverviewFixture.Source, ["external_id"] = id, ["updated_at"] = updated, ["received_at"] = received, ["resolved_at"] = resolved ?? "",
        ["status"] = status, ["product_sku"] = "HA-0002", ["channel"] = "email", ["customer_id"] = $"K-{id}", ["customer_segment"] = "standard",
    };

    [Fact]
    public async Task A_report_reproduced_as_of_its_issue_time_has_the_same_content_after_later_loads_and_status_changes()
    {
        var (_, first) = await _host.IssueAsync(AuditReportKind.Register, Q1);

        // An hour later: C4 (open, its deadline missed) is resolved, and a complaint of the quarter arrives late.
        _host.Time.Advance(TimeSpan.FromHours(1));
        var later = await _host.Warehouse.Loader().LoadAsync(_host.Warehouse.WriteFile("later.csv", Complaints(
            Complaint("C4", "2024-01-31T23:30:00+00:00", "2026-03-02T10:30:00+01:00", "resolved", "2026-03-02T10:30:00+01:00"),
            Complaint("C30", "2024-03-05T09:00:00+01:00", "2024-03-05T09:00:00+01:00", "new"))), FeedLayouts.Complaints);
        Assert.Equal(LoadStatus.Loaded, later.Status);
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        var (_, now) = await _host.IssueAsync(AuditReportKind.Register, Q1);
        var (_, reproduced) = await _host.IssueAsync(AuditReportKind.Register, Q1 with { AsOf = first.AsOf });

        Assert.NotEqual(first.ContentSha256, now.ContentSha256);
        Assert.Equal(first.ContentSha256, reproduced.ContentSha256);
        Assert.True(reproduced.Reproduced);
        Assert.Equal(first.AsOf, reproduced.AsOf);
        // The file differs (its cover says when it was generated and the chain's head then); its content does not.
        Assert.NotEqual(first.FileSha256, reproduced.FileSha256);
        Assert.True(reproduced.HeadSeq > first.HeadSeq);
    }

    [Fact]
    public async Task A_report_reproduced_as_of_a_past_instant_names_each_product_as_it_was_named_then()
    {
        var (_, first) = await _host.IssueAsync(AuditReportKind.Register, Q1);

        // An hour later the products feed renames C1's kettle.
        _host.Time.Advance(TimeSpan.FromHours(1));
        var renamed = await _host.Warehouse.Loader().LoadAsync(_host.Warehouse.WriteFile("renamed.csv", CanonicalCsv.Write(FeedLayouts.Products, new Dictionary<string, string>
        {
            ["sku"] = "HA-0001", ["name"] = "Kettle Aqua II", ["product_line"] = "Home appliances", ["category"] = "kettles", ["updated_at"] = "2026-03-02T10:00:00+00:00",
        })), FeedLayouts.Products);
        Assert.Equal(LoadStatus.Loaded, renamed.Status);
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        var (nowBytes, now) = await _host.IssueAsync(AuditReportKind.Register, Q1);
        var (thenBytes, reproduced) = await _host.IssueAsync(AuditReportKind.Register, Q1 with { AsOf = first.AsOf });

        Assert.Equal("Kettle Aqua II", ProductName(nowBytes, "C1"));
        Assert.Equal("Kettle Aqua", ProductName(thenBytes, "C1"));
        Assert.NotEqual(first.ContentSha256, now.ContentSha256);
        Assert.Equal(first.ContentSha256, reproduced.ContentSha256);
    }

    [Fact]
    public async Task A_report_reproduced_as_of_a_past_instant_filters_on_each_customers_segment_and_country_as_they_were_then()
    {
        Dictionary<string, string> C31(string updated, string segment, string country) => new(Complaint("C31", "2024-03-06T09:00:00+01:00", updated, "new"))
        {
            ["customer_segment"] = segment, ["customer_country"] = country,
        };
        Assert.Equal(LoadStatus.Loaded, (await _host.Warehouse.Loader().LoadAsync(_host.Warehouse.WriteFile("c31.csv",
            Complaints(C31("2024-03-06T09:00:00+01:00", "standard", "PL"))), FeedLayouts.Complaints)).Status);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var standard = Q1 with { Segment = "standard" };
        var polish = Q1 with { Country = "PL" };
        var (firstBytes, first) = await _host.IssueAsync(AuditReportKind.Register, standard);
        var (_, firstPolish) = await _host.IssueAsync(AuditReportKind.Register, polish);
        Assert.Contains("C31", ExternalIds(firstBytes));

        // An hour later C31's customer is a premium one, in Germany.
        _host.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(LoadStatus.Loaded, (await _host.Warehouse.Loader().LoadAsync(_host.Warehouse.WriteFile("c31-moved.csv",
            Complaints(C31("2026-03-02T10:00:00+01:00", "premium", "DE"))), FeedLayouts.Complaints)).Status);
        _host.Time.Advance(TimeSpan.FromMinutes(1));

        var (nowBytes, now) = await _host.IssueAsync(AuditReportKind.Register, standard);
        var (thenBytes, reproduced) = await _host.IssueAsync(AuditReportKind.Register, standard with { AsOf = first.AsOf });
        var (_, reproducedPolish) = await _host.IssueAsync(AuditReportKind.Register, polish with { AsOf = firstPolish.AsOf });

        Assert.DoesNotContain("C31", ExternalIds(nowBytes));
        Assert.Contains("C31", ExternalIds(thenBytes));
        Assert.NotEqual(first.ContentSha256, now.ContentSha256);
        Assert.Equal(first.ContentSha256, reproduced.ContentSha256);
        Assert.Equal(firstPolish.ContentSha256, reproducedPolish.ContentSha256);
    }

    private static List<string> ExternalIds(byte[] workbook)
    {
        using var book = new XLWorkbook(new MemoryStream(workbook));
        var register = book.Worksheet("Register");
        var column = register.Row(1).CellsUsed().Select(c => c.GetString()).ToList().IndexOf("external_id") + 1;
        return register.RangeUsed().RowsUsed().Skip(1).Select(r => r.Cell(column).GetString()).ToList();
    }

    private static string ProductName(byte[] workbook, string externalId)
    {
        using var book = new XLWorkbook(new MemoryStream(workbook));
        var register = book.Worksheet("Register");
        var header = register.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var row = register.RangeUsed().RowsUsed().Single(r => r.Cell(header.IndexOf("external_id") + 1).GetString() == externalId);
        return row.Cell(header.IndexOf("product_name") + 1).GetString();
    }

    [Fact]
    public async Task The_reports_figures_equal_the_SLA_APIs_for_the_same_period_and_filter()
    {
        foreach (var filter in new[] { Q1, Q1 with { Product = "HA-0001" }, Q1 with { Channel = "email", From = new DateOnly(2024, 2, 1) } })
        {
            using var output = new MemoryStream();
            var scope = AuditReportScope.Of(filter, _host.Time.GetUtcNow(), out _)!;
            var issued = await _host.Issuer.IssueAsync(AuditReportKind.Summary, scope, "auditor-1", AuditReportsHost.English, output);
            var figures = ReadFigures(scope);
            var api = _host.Sla.Achievement(filter, scope.AsOf);

            Assert.Equal(api.Complaints, figures.Complaints);
            Assert.Equal(api.StatutoryMet, figures.StatutoryMet);
            Assert.Equal(api.StatutoryDecided - api.StatutoryMet, figures.StatutoryMissed);
            Assert.Equal(api.ResolutionDecided - api.ResolutionMet, figures.ResolutionBreaches);
            Assert.Equal(api.FirstResponseDecided - api.FirstResponseMet, figures.FirstResponseBreaches);
            Assert.NotEmpty(issued.ContentSha256);
        }
    }

    private AuditReportFigures ReadFigures(AuditReportScope scope)
    {
        using var connection = _host.Warehouse.Database.OpenConnection();
        var rows = new AuditReportRows(connection, new AuditReportQueries(Options.Create(new ReportingOptions())), scope);
        return AuditReportContent.Read(rows, excerpts: false, CancellationToken.None).Figures;
    }
}
