using Complaints.Dashboards.Components;
using Complaints.Dashboards.Resources;
using Complaints.Warehouse;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>
/// A filter said in words in the reader's language, for the filter bar, a workbook's cover sheet or an audit report:
/// "Received 1 Jan 2026–31 Mar 2026 · product line Furniture · channel phone".
/// </summary>
public static class FilterWords
{
    /// <summary>The whole filter, one phrase per field that is set; "all complaints" when none is.</summary>
    public static string Describe(ComplaintFilter filter)
    {
        var phrases = new List<string>();
        if (Period(filter) is { } period)
            phrases.Add(period);
        phrases.AddRange(ComplaintFilter.Fields.Where(f => f.Kind != FilterValueKind.Day && f.Get(filter) is not null).Select(f => Phrase(f, f.Get(filter)!)));
        return phrases.Count == 0 ? UiText.Get("Filters.Words.All") : string.Join(" · ", phrases);
    }

    /// <summary>The period of receipt, or null when the filter has no bounds.</summary>
    public static string? Period(ComplaintFilter filter) => (filter.From, filter.To) switch
    {
        ({ } from, { } to) => UiText.Get("Filters.Words.Between", Format.Date(from), Format.Date(to)),
        ({ } from, null) => UiText.Get("Filters.Words.Since", Format.Date(from)),
        (null, { } to) => UiText.Get("Filters.Words.Until", Format.Date(to)),
        _ => null,
    };

    /// <summary>One field's phrase, e.g. "channel phone", "statutory deadline missed", "open 4-7 days".</summary>
    public static string Phrase(FilterField field, object value) => (field.Name, value) switch
    {
        ("breached", SlaBreach breach) => breach switch
        {
            SlaBreach.FirstResponse => UiText.Get("Drill.FirstResponseBreached"), SlaBreach.Resolution => UiText.Get("Drill.ResolutionBreached"),
            SlaBreach.Statutory => UiText.Get("Drill.StatutoryMissed"), _ => UiText.Get("Drill.AnyBreached"),
        },
        ("resolved", bool resolved) => UiText.Get(resolved ? "Drill.Resolved" : "Drill.NotResolved"),
        ("costed", bool costed) => UiText.Get(costed ? "Drill.Costed" : "Drill.NotCosted"),
        ("surveyed", bool surveyed) => UiText.Get(surveyed ? "Drill.Surveyed" : "Drill.NotSurveyed"),
        ("asof", DateTimeOffset instant) => UiText.Get("Drill.AsOf", Format.Utc(instant)),
        (_, DateOnly day) => UiText.Get($"Filters.Words.{field.Name}", Format.Date(day)),
        _ => UiText.Get($"Filters.Words.{field.Name}", value),
    };

    /// <summary>What is wrong with a filter, in the reader's language (the API's callers get English unless they ask otherwise).</summary>
    public static string Error(FilterError error) => error.Problem switch
    {
        FilterProblem.FromAfterTo => UiText.Get("Filters.Error.FromAfterTo", error.Value, error.Other!),
        FilterProblem.NotADay => UiText.Get("Filters.Error.BadDate", error.Field, error.Value),
        FilterProblem.NotABreach => UiText.Get("Filters.Error.Breached", error.Value),
        FilterProblem.NotAnAgeBucket => UiText.Get("Filters.Error.Age", string.Join(", ", ComplaintFilter.AgeBuckets.Select(b => b.Name)), error.Value),
        FilterProblem.NotAFlag => UiText.Get("Filters.Error.Flag", error.Field, error.Value),
        _ => UiText.Get("Filters.Error.AsOf", error.Value),
    };
}
