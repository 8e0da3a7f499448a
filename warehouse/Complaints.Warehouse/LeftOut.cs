using System.Globalization;

namespace Complaints.Warehouse;

/// <summary>
/// Complaints a figure leaves out, and why: closed complaints whose source gave no date for what the figure measures
/// (closed, time unknown). Nothing is left out without a count; pages and API both show these.
/// </summary>
public sealed record LeftOut(string Reason, long Complaints, string Figures, string Note)
{
    public const string ClosedWithoutResolutionDate = "closed_without_resolution_date";
    public const string ClosedWithoutAnswerDate = "closed_without_answer_date";
    public const string ClosedWithoutFirstResponseDate = "closed_without_first_response_date";

    public static LeftOut NoResolutionDate(long complaints, string figures) =>
        new(ClosedWithoutResolutionDate, complaints, figures, $"{Count(complaints)} closed complaints have no resolution date: left out of {figures}.");

    public static LeftOut NoAnswerDate(long complaints, string figures) =>
        new(ClosedWithoutAnswerDate, complaints, figures, $"{Count(complaints)} closed complaints have no answer or resolution date: left out of {figures}.");

    public static LeftOut NoFirstResponseDate(long complaints, string figures) =>
        new(ClosedWithoutFirstResponseDate, complaints, figures, $"{Count(complaints)} closed complaints have no first-response date: left out of {figures}.");

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
