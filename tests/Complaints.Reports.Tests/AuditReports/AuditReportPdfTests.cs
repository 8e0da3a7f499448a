using System.Diagnostics;
using Complaints.Reports.AuditReports;
using Complaints.Warehouse;
using Complaints.Warehouse.AuditReports;

namespace Complaints.Reports.Tests.AuditReports;

/// <summary>The PDF summary read back by poppler's pdftotext (another reader than its writer) and rendered by pdftoppm.</summary>
public sealed class AuditReportPdfTests : IAsyncLifetime
{
    private AuditReportsHost _host = null!;
    private static readonly ComplaintFilter Q1 = new(From: new DateOnly(2024, 1, 1), To: new DateOnly(2024, 3, 31));

    public async Task InitializeAsync() => _host = await AuditReportsHost.CreateAsync();

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (Debian package poppler-utils).");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
        return output;
    }

    [Fact]
    public async Task The_pdf_reads_back_with_the_register_rows_the_missed_deadlines_and_the_digest_on_numbered_pages()
    {
        var (bytes, issued) = await _host.IssueAsync(AuditReportKind.Summary, Q1);
        var path = Path.Combine(_host.Warehouse.Directory, "summary.pdf");
        await File.WriteAllBytesAsync(path, bytes);

        var text = Run("pdftotext", "-layout", path, "-");

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.Equal("summary.pdf", issued.Kind);
        Assert.Contains("Audit report: summary", text);
        Assert.Contains("2024-01-01 – 2024-03-31", text);
        Assert.Contains(issued.ContentSha256, text);
        Assert.Contains(issued.HeadHash!, text);
        foreach (var id in new[] { "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9" })
            Assert.Matches($@"fixture/{id}\s+20\d\d-\d\d-\d\d \d\d:\d\d", text);
        Assert.Contains("Missed statutory deadlines (deemed accepted)", text);
        Assert.Matches(@"fixture/C4\s+2024-02-01 00:30\s+2024-02-15\s+unanswered\s+[\d,]+", text);
        Assert.Matches(@"Page 1 of \d+", text);
        Assert.Contains("Complaints in the register", text);

        // A page rendered to an image (what the eye sees): pdftoppm draws it without complaint.
        Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", path, Path.Combine(_host.Warehouse.Directory, "page"));
        Assert.True(new FileInfo(Path.Combine(_host.Warehouse.Directory, "page-1.png")).Length > 5_000);
        if (Environment.GetEnvironmentVariable("AUDIT_PDF_KEEP") is { Length: > 0 } keep)
            File.Copy(path, keep, overwrite: true);
    }

    [Fact]
    public async Task The_polish_pdf_keeps_its_letters()
    {
        var scope = AuditReportScope.Of(Q1, _host.Time.GetUtcNow(), out _)!;
        using var output = new MemoryStream();
        await _host.Issuer.IssueAsync(AuditReportKind.Summary, scope, "auditor-1", System.Globalization.CultureInfo.GetCultureInfo("pl-PL"), output);
        var path = Path.Combine(_host.Warehouse.Directory, "pl.pdf");
        await File.WriteAllBytesAsync(path, output.ToArray());

        var text = Run("pdftotext", "-layout", path, "-");

        Assert.Contains("Raport audytowy: podsumowanie", text);
        Assert.Contains("Niedotrzymane terminy ustawowe (reklamacje uznane)", text);
        Assert.Contains("Reklamacje w rejestrze", text);
    }
}
