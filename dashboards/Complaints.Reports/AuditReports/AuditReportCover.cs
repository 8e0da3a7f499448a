using System.Globalization;
using Complaints.Reports.Resources;
using Complaints.Warehouse.Audit;
using Complaints.Warehouse.AuditReports;

namespace Complaints.Reports.AuditReports;

/// <summary>What an audit report says about itself on its cover (the workbook's first sheet, the PDF's first page).</summary>
public sealed record AuditReportCover(AuditReportKind Kind, AuditReportScope Scope, string FilterInWords, DateTimeOffset GeneratedAt, AuditHead? Head, AuditReportSummary Summary)
{
    public const string DateTimeUtc = "yyyy-MM-dd HH:mm:ss 'UTC'";

    /// <summary>The cover's label/value lines in the report's language, in order (values are text, dates or counts).</summary>
    public IEnumerable<(string Label, object Value)> Lines(CultureInfo culture)
    {
        string T(string key, params object?[] args) => ReportText.Get(culture, key, args);
        yield return (T("AuditReport.Period"), $"{Scope.From:yyyy-MM-dd} – {Scope.To:yyyy-MM-dd}");
        yield return (T("Cover.Filter"), FilterInWords);
        yield return (T("Cover.GeneratedAt"), GeneratedAt.UtcDateTime.ToString(DateTimeUtc, CultureInfo.InvariantCulture));
        yield return (T("AuditReport.AsOf"), Scope.AsOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff 'UTC'", CultureInfo.InvariantCulture) + " · "
            + T(Scope.Reproduced ? "AuditReport.Reproduced" : "AuditReport.Current"));
        if (Head is { } head)
        {
            yield return (T("AuditReport.HeadSeq"), head.Seq);
            yield return (T("AuditReport.HeadHash"), head.Hash);
            yield return (T("AuditReport.MerkleRoot"), head.MerkleRoot);
            yield return (T("AuditReport.Checkpoint"), head.LastSignedCheckpoint is { } c
                ? T("AuditReport.CheckpointText", c.Seq, c.At.UtcDateTime, AuditVerification.Short(c.Signature ?? ""))
                : T("AuditReport.NoCheckpoint"));
        }
        else
        {
            yield return (T("AuditReport.HeadSeq"), T("AuditReport.Broken"));
        }
        yield return (T("AuditReport.ContentDigest"), Summary.ContentSha256);
    }

    /// <summary>The figures, labelled, in order.</summary>
    public IEnumerable<(string Label, long Value)> Figures(CultureInfo culture)
    {
        var f = Summary.Figures;
        string T(string key) => ReportText.Get(culture, key);
        yield return (T("AuditReport.Fig.Complaints"), f.Complaints);
        yield return (T("AuditReport.Fig.StatutoryMet"), f.StatutoryMet);
        yield return (T("AuditReport.Fig.AnsweredLate"), f.AnsweredLate);
        yield return (T("AuditReport.Fig.Unanswered"), f.Unanswered);
        yield return (T("AuditReport.Fig.Pending"), f.Pending);
        yield return (T("AuditReport.Fig.Unknown"), f.Unknown);
        yield return (T("AuditReport.Fig.FirstResponse"), f.FirstResponseBreaches);
        yield return (T("AuditReport.Fig.Resolution"), f.ResolutionBreaches);
        yield return (T("AuditReport.Fig.Access"), f.AccessEntries);
        yield return (T("AuditReport.Fig.RollBacks"), f.RollBacks);
    }

    public static readonly string[] RegisterColumns = ["external_id", "received", "acknowledged", "remedy_sought", "decision", "answer_sent", "closed", "handler", "channel", "product"];

    public static string SheetName(CultureInfo culture, string sheet) => ReportText.Get(culture, "AuditSheet." + sheet);
}
