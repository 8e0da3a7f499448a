using Complaints.Reports.Workbooks;
using Complaints.Warehouse;
using MimeKit;
using Quartz;

namespace Complaints.Reports.Subscriptions;

/// <summary>A subscription as a form or the API gives it, checked field by field before it is stored.</summary>
public sealed record SubscriptionDraft(string? Name, string? Report, string? Schedule, string? Recipients, string? Filter, string? Period, string? Culture)
{
    public static readonly IReadOnlyList<string> Cultures = ["en-GB", "pl-PL"];

    /// <summary>What is wrong, one sentence per field naming it; empty when the draft can be stored.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
            problems.Add("name: give the subscription a name.");
        if (ReportDefinition.Find(Report) is null)
            problems.Add($"report: '{Report}' is not a report; use one of {ReportDefinition.Names}.");
        if (string.IsNullOrWhiteSpace(Schedule) || !CronExpression.TryParse(Schedule.Trim(), out _))
            problems.Add($"schedule: '{Schedule}' is not a Quartz cron expression (seconds first), e.g. '0 0 7 ? * MON' for Mondays at 07:00.");
        var recipients = RecipientList(Recipients);
        if (recipients.Count == 0)
            problems.Add("recipients: give at least one e-mail address.");
        foreach (var address in recipients.Where(a => !MailboxAddress.TryParse(a, out var m) || !m.Address.Contains('@')))
            problems.Add($"recipients: '{address}' is not an e-mail address.");
        if (!RelativePeriod.IsKnown(Period))
            problems.Add($"period: '{Period}' is not a period; use one of {string.Join(", ", RelativePeriod.Names)}.");
        if (!Cultures.Contains(Culture ?? ""))
            problems.Add($"culture: '{Culture}' is not a report language; use en-GB or pl-PL.");
        ParseFilter(Filter, out var error);
        if (error is not null)
            problems.Add($"filter: {error}");
        return problems;
    }

    public static IReadOnlyList<string> RecipientList(string? text) =>
        [.. (text ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The shared filter from a query string ("line=Furniture&amp;channel=phone", with or without '?').</summary>
    public static ComplaintFilter ParseFilter(string? query, out string? error)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query?.Trim() ?? "");
        var filter = ComplaintFilter.FromQuery(name => values.TryGetValue(name, out var v) ? v.ToString() : null, out var problem);
        error = problem is null ? null : $"'{problem.Field}' cannot be read from '{problem.Value}'.";
        return filter;
    }
}
