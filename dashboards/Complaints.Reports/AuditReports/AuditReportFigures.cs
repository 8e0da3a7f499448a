namespace Complaints.Reports.AuditReports;

/// <summary>
/// The counts an audit report states, taken from the rows it holds: complaints in the register; the statutory deadline
/// met, answered late, unanswered past it (both of these deemed accepted), pending, or unknown (closed without an
/// answer date); SLA breaches per target; entries of the access and change log; roll-backs.
/// </summary>
public sealed record AuditReportFigures(
    long Complaints, long StatutoryMet, long AnsweredLate, long Unanswered, long Pending, long Unknown,
    long FirstResponseBreaches, long ResolutionBreaches, long AccessEntries, long RollBacks)
{
    public long StatutoryMissed => AnsweredLate + Unanswered;

    public long SlaBreaches => FirstResponseBreaches + ResolutionBreaches;
}
