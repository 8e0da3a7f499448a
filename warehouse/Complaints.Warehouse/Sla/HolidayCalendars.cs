using System.Collections.Concurrent;
using PublicHoliday;

namespace Complaints.Warehouse.Sla;

/// <summary>Answers whether a local calendar date is a public holiday in one jurisdiction.</summary>
public interface IHolidayCalendar
{
    bool IsHoliday(DateOnly date);
}

/// <summary>
/// A country's public holidays as computed by the PublicHoliday package (movable feasts included),
/// cached per year because the SLA clock asks about the same few years millions of times.
/// </summary>
public sealed class CountryHolidayCalendar : IHolidayCalendar
{
    private readonly IPublicHolidays _source;
    // Our own thread-safe cache: the package's per-instance cache is a plain dictionary,
    // and measures are computed from several threads at once.
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _holidaysByYear = new();

    public CountryHolidayCalendar(string countryCode, IPublicHolidays source)
    {
        CountryCode = countryCode;
        _source = source;
    }

    public string CountryCode { get; }

    /// <summary>Poland: 13 holidays a year, 14 from 2025 on (24 December became a holiday).</summary>
    public static CountryHolidayCalendar Poland() => new("PL", new PolandPublicHoliday());

    /// <summary>Any country the package knows by its ISO 3166-1 alpha-2 code, or null when it knows none.</summary>
    public static CountryHolidayCalendar? TryForCountry(string countryCode)
    {
        if (string.Equals(countryCode, "PL", StringComparison.OrdinalIgnoreCase))
            return Poland();
        if (!Enum.TryParse<PublicHolidayCountryCode>(countryCode, ignoreCase: true, out var code)
            || !Enum.IsDefined(code)
            || countryCode.Length != 2
            || int.TryParse(countryCode, out _))
            return null;
        return new CountryHolidayCalendar(countryCode.ToUpperInvariant(), PublicHolidayFactory.GetPublicHolidayForCountry(code));
    }

    public bool IsHoliday(DateOnly date) => HolidaysIn(date.Year).Contains(date);

    // Looked up before GetOrAdd: its lambda would be a new delegate on every one of the millions of calls.
    public IReadOnlySet<DateOnly> HolidaysIn(int year) =>
        _holidaysByYear.TryGetValue(year, out var holidays) ? holidays : _holidaysByYear.GetOrAdd(year, y =>
        {
            // GetOrAdd may run this on two threads at once; the package instance is not documented as thread-safe.
            lock (_source)
                return _source.PublicHolidays(y).Select(DateOnly.FromDateTime).ToHashSet();
        });
}

/// <summary>
/// A holiday calendar assembled from configuration: an optional country calendar, plus dates the
/// organisation also closes on (a regional holiday), minus dates it works although the country rests.
/// With no country it is simply a list of dates.
/// </summary>
public sealed class ConfiguredHolidayCalendar(
    IHolidayCalendar? country,
    IEnumerable<DateOnly> extraDates,
    IEnumerable<DateOnly> removedDates) : IHolidayCalendar
{
    private readonly HashSet<DateOnly> _extra = [.. extraDates];
    private readonly HashSet<DateOnly> _removed = [.. removedDates];

    public static ConfiguredHolidayCalendar FromDates(IEnumerable<DateOnly> dates) => new(null, dates, []);

    public bool IsHoliday(DateOnly date) =>
        !_removed.Contains(date) && (_extra.Contains(date) || country?.IsHoliday(date) == true);
}

/// <summary>Configuration of a holiday calendar (e.g. <c>Sla:Holidays</c>).</summary>
public sealed class HolidayCalendarSettings
{
    /// <summary>ISO 3166-1 alpha-2 code of a country whose public holidays apply; empty for a plain list of dates.</summary>
    public string? Country { get; set; } = "PL";

    public List<DateOnly> ExtraDates { get; set; } = [];

    public List<DateOnly> RemovedDates { get; set; } = [];

    public IEnumerable<string> Validate(string path)
    {
        if (!string.IsNullOrWhiteSpace(Country) && CountryHolidayCalendar.TryForCountry(Country) is null)
            yield return $"{path}:Country '{Country}' is not a country with a known holiday calendar (use an ISO code such as PL, or leave it empty and list ExtraDates).";
    }

    public IHolidayCalendar Build()
    {
        IHolidayCalendar? country = string.IsNullOrWhiteSpace(Country)
            ? null
            : CountryHolidayCalendar.TryForCountry(Country)
              ?? throw new InvalidOperationException($"Holiday calendar country '{Country}' is not known.");
        if (ExtraDates.Count == 0 && RemovedDates.Count == 0 && country is not null)
            return country;
        return new ConfiguredHolidayCalendar(country, ExtraDates, RemovedDates);
    }
}
