using System.Globalization;
using System.Text.RegularExpressions;

namespace Complaints.Warehouse;

/// <summary>How each <see cref="FilterValueKind"/> is written in a URL and read back: invariant, so a link means the same in every language.</summary>
public static partial class FilterValues
{
    public const string DayFormat = "yyyy-MM-dd";

    public static string FormatDay(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>An instant as links write it: ISO 8601 in UTC.</summary>
    public static string FormatInstant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string BreachName(SlaBreach breach) => breach switch
    {
        SlaBreach.FirstResponse => "first_response", SlaBreach.Resolution => "resolution", SlaBreach.Statutory => "statutory", _ => "any",
    };

    public static string Write(FilterValueKind kind, object value) => (kind, value) switch
    {
        (FilterValueKind.Day, DateOnly day) => FormatDay(day),
        (FilterValueKind.Flag, bool flag) => flag ? "true" : "false",
        (FilterValueKind.Breach, SlaBreach breach) => BreachName(breach),
        (FilterValueKind.Instant, DateTimeOffset instant) => FormatInstant(instant),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>The value of <paramref name="text"/> (already trimmed, not empty) as <paramref name="kind"/>, or null when it is not one.</summary>
    public static object? Read(FilterValueKind kind, string text) => kind switch
    {
        FilterValueKind.Day => DateOnly.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
        FilterValueKind.Flag => bool.TryParse(text, out var flag) ? flag : null,
        FilterValueKind.Breach => Enum.GetValues<SlaBreach>().Cast<SlaBreach?>().FirstOrDefault(b => BreachName(b!.Value) == text),
        FilterValueKind.AgeBucket => ComplaintFilter.AgeBuckets.Any(b => b.Name == text) ? text : null,
        // An instant needs its offset: a bare local time would be read in the server's zone.
        FilterValueKind.Instant => HasOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant : null,
        _ => text,
    };

    public static FilterProblem ProblemOf(FilterValueKind kind) => kind switch
    {
        FilterValueKind.Day => FilterProblem.NotADay,
        FilterValueKind.Flag => FilterProblem.NotAFlag,
        FilterValueKind.Breach => FilterProblem.NotABreach,
        FilterValueKind.AgeBucket => FilterProblem.NotAnAgeBucket,
        _ => FilterProblem.NotAnInstant,
    };

    [GeneratedRegex(@"([Zz]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex HasOffset();
}
