using System.Globalization;
using Complaints.Reports.AuditReports;
using Complaints.Reports.Exports;
using Complaints.Reports.Workbooks;
using Complaints.Testing;
using Complaints.Warehouse;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.AuditReports;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Reports.Tests.AuditReports;

/// <summary>
/// The reports' fixture warehouse on a fake clock (2 March 2026), with the audit trail anchored by signed checkpoints
/// and the audit report issuer built as the host builds it.
/// </summary>
public sealed class AuditReportsHost : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static readonly byte[] Key = "audit report tests' checkpoint key, long enough"u8.ToArray();

    public ReportsWarehouse Reports { get; }
    public FakeTimeProvider Time { get; }
    public AuditCheckpoints Checkpoints { get; }
    public IssuedReports Log { get; }
    public AuditReportIssuer Issuer { get; }
    public RecordingLogger<AuditReportIssuer> IssuerLog { get; } = new();
    public SlaQueries Sla { get; }
    public TempWarehouse Warehouse => Reports.Warehouse;

    private AuditReportsHost(ReportsWarehouse reports, FakeTimeProvider time)
    {
        (Reports, Time) = (reports, time);
        var db = reports.Warehouse.Database;
        var reporting = Options.Create(new ReportingOptions());
        Checkpoints = new AuditCheckpoints(db, new AuditCheckpointFile(Path.Combine(reports.Warehouse.Directory, "audit.checkpoints")), Key, time,
            NullLogger<AuditCheckpoints>.Instance);
        Checkpoints.Checkpoint("start", always: true);
        Log = new IssuedReports(db, time);
        Issuer = IssuerWithRowLimit(ExportFormats.ExcelDataRows);
        Sla = new SlaQueries(db, reporting, time);
    }

    /// <summary>An issuer as the host builds it, but refusing a register sheet of more than <paramref name="rows"/> rows (Excel's limit in a small test).</summary>
    public AuditReportIssuer IssuerWithRowLimit(long rows) => new(Warehouse.Database, new AuditReportQueries(Options.Create(new ReportingOptions())), Checkpoints, Log,
        FilterAsQuery.Describe, Time, IssuerLog, rows);

    public static async Task<AuditReportsHost> CreateAsync()
    {
        var time = new FakeTimeProvider(Start);
        return new AuditReportsHost(await ReportsWarehouse.CreateAsync(time), time);
    }

    /// <summary>A report of the period (and filter) issued now by the auditor "auditor-1", its bytes and its log entry.</summary>
    public async Task<(byte[] Bytes, IssuedReport Issued)> IssueAsync(AuditReportKind kind, ComplaintFilter filter)
    {
        var scope = AuditReportScope.Of(filter, Time.GetUtcNow(), out var problem) ?? throw new InvalidOperationException(problem);
        using var output = new MemoryStream();
        var issued = await Issuer.IssueAsync(kind, scope, "auditor-1", English, output);
        return (output.ToArray(), issued);
    }

    public void Dispose() => Reports.Dispose();
}
