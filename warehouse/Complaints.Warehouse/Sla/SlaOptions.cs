using System.ComponentModel.DataAnnotations;

namespace Complaints.Warehouse.Sla;

/// <summary>
/// The <c>Sla</c> configuration section: the statutory deadline, the business calendar and the
/// policy rules. Every problem is reported with the setting's path, e.g.
/// "Sla:Policies:2:ResolutionTarget must be positive".
/// </summary>
public sealed class SlaOptions : IValidatableObject
{
    public const string Section = "Sla";

    public StatutoryDeadlineSettings Statutory { get; set; } = new();

    public BusinessHoursSettings BusinessHours { get; set; } = new();

    /// <summary>
    /// Rules in priority order. Entries sharing a ValidFrom form one version; a version replaces
    /// the previous one entirely for complaints received from then on.
    /// </summary>
    public List<SlaPolicySettings> Policies { get; set; } = [];

    /// <summary>What a breach costs, in the reporting currency, for the Costs page's SLA-penalty figures.</summary>
    public SlaPenaltySettings Penalties { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Problems().Select(message => new ValidationResult(message));

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        problems.AddRange(Statutory.Validate($"{Section}:{nameof(Statutory)}"));
        problems.AddRange(BusinessHours.Validate($"{Section}:{nameof(BusinessHours)}"));
        problems.AddRange(Penalties.Validate($"{Section}:{nameof(Penalties)}"));
        var names = new HashSet<(string, DateTimeOffset)>();
        for (var i = 0; i < Policies.Count; i++)
        {
            var path = $"{Section}:{nameof(Policies)}:{i}";
            problems.AddRange(Policies[i].Validate(path));
            if (!string.IsNullOrWhiteSpace(Policies[i].Name) && !names.Add((Policies[i].Name!.ToLowerInvariant(), Policies[i].ValidFrom)))
                problems.Add($"{path}:Name '{Policies[i].Name}' is used twice in the version valid from {Policies[i].ValidFrom:O}.");
        }
        return problems;
    }

    public StatutoryDeadline BuildStatutoryDeadline() => Statutory.Build();

    public BusinessCalendar BuildBusinessCalendar() => BusinessHours.Build();

    public SlaClock BuildClock() => new(BuildBusinessCalendar(), BuildStatutoryDeadline());

    public SlaPolicySet BuildPolicySet() => new(
        Policies
            .GroupBy(p => p.ValidFrom)
            .Select(version => new SlaPolicyVersion(version.Key, [.. version.Select(p => p.Build())])));
}

/// <summary>A penalty per complaint whose resolution target was breached, and per complaint that missed the statutory deadline.</summary>
public sealed class SlaPenaltySettings
{
    public decimal ResolutionBreach { get; set; }

    public decimal StatutoryMiss { get; set; }

    public IEnumerable<string> Validate(string path)
    {
        if (ResolutionBreach < 0)
            yield return $"{path}:ResolutionBreach must not be negative (was {ResolutionBreach}).";
        if (StatutoryMiss < 0)
            yield return $"{path}:StatutoryMiss must not be negative (was {StatutoryMiss}).";
    }
}

public sealed class StatutoryDeadlineSettings
{
    public int LengthInDays { get; set; } = StatutoryDeadline.PolishLengthInDays;

    public string TimeZone { get; set; } = "Europe/Warsaw";

    public HolidayCalendarSettings Holidays { get; set; } = new();

    public IEnumerable<string> Validate(string path)
    {
        if (LengthInDays is < 1 or > 366)
            yield return $"{path}:LengthInDays must be between 1 and 366 (was {LengthInDays}).";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return $"{path}:TimeZone '{TimeZone}' is not a known time zone id (e.g. Europe/Warsaw).";
        foreach (var problem in Holidays.Validate($"{path}:Holidays"))
            yield return problem;
    }

    public StatutoryDeadline Build() =>
        new(LengthInDays, Holidays.Build(), TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
}

/// <summary>Working hours per weekday as "HH:mm-HH:mm"; an empty day is closed.</summary>
public sealed class BusinessHoursSettings
{
    private const string MondayToFriday = "08:00-16:00";

    public string TimeZone { get; set; } = "Europe/Warsaw";

    public string? Monday { get; set; } = MondayToFriday;
    public string? Tuesday { get; set; } = MondayToFriday;
    public string? Wednesday { get; set; } = MondayToFriday;
    public string? Thursday { get; set; } = MondayToFriday;
    public string? Friday { get; set; } = MondayToFriday;
    public string? Saturday { get; set; }
    public string? Sunday { get; set; }

    public HolidayCalendarSettings Holidays { get; set; } = new();

    private IEnumerable<(DayOfWeek Day, string? Text)> Days() =>
    [
        (DayOfWeek.Monday, Monday), (DayOfWeek.Tuesday, Tuesday), (DayOfWeek.Wednesday, Wednesday),
        (DayOfWeek.Thursday, Thursday), (DayOfWeek.Friday, Friday), (DayOfWeek.Saturday, Saturday),
        (DayOfWeek.Sunday, Sunday),
    ];

    public IEnumerable<string> Validate(string path)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return $"{path}:TimeZone '{TimeZone}' is not a known time zone id (e.g. Europe/Warsaw).";
        foreach (var (day, text) in Days().Where(d => !string.IsNullOrWhiteSpace(d.Text)))
            if (!WorkingHours.TryParse(text, out _))
                yield return $"{path}:{day} '{text}' must look like 08:00-16:00, with the end after the start (00:00 ends at midnight).";
        if (Days().All(d => string.IsNullOrWhiteSpace(d.Text)))
            yield return $"{path} must open on at least one weekday.";
        foreach (var problem in Holidays.Validate($"{path}:Holidays"))
            yield return problem;
    }

    public BusinessCalendar Build()
    {
        var hours = new Dictionary<DayOfWeek, WorkingHours>();
        foreach (var (day, text) in Days().Where(d => !string.IsNullOrWhiteSpace(d.Text)))
            hours[day] = WorkingHours.TryParse(text, out var parsed) ? parsed! : throw new InvalidOperationException($"Working hours '{text}' on {day} are not valid.");
        return new BusinessCalendar(hours, TimeZoneInfo.FindSystemTimeZoneById(TimeZone), Holidays.Build());
    }
}

/// <summary>One configured rule; empty criteria match anything.</summary>
public sealed class SlaPolicySettings
{
    public string? Name { get; set; }

    /// <summary>When this version takes effect, judged against the complaint's receipt time.</summary>
    public DateTimeOffset ValidFrom { get; set; } = DateTimeOffset.MinValue;

    public string? Segment { get; set; }
    public string? Priority { get; set; }
    public string? ProductLine { get; set; }
    public string? Product { get; set; }
    public string? Channel { get; set; }
    public string? ComplaintType { get; set; }

    /// <summary>Empty for no first-response promise.</summary>
    public TimeSpan? FirstResponseTarget { get; set; }
    public SlaClockMode FirstResponseMode { get; set; } = SlaClockMode.Calendar;

    public TimeSpan? ResolutionTarget { get; set; }
    public SlaClockMode ResolutionMode { get; set; } = SlaClockMode.Calendar;

    public List<string> PausingStatuses { get; set; } = [];

    public IEnumerable<string> Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
            yield return $"{path}:Name is required.";
        if (FirstResponseMode == SlaClockMode.StatutoryDeadline)
            yield return $"{path}:FirstResponseMode cannot be StatutoryDeadline: the law sets no first-response deadline.";
        else if (FirstResponseTarget is { } firstResponse && firstResponse <= TimeSpan.Zero)
            yield return $"{path}:FirstResponseTarget must be positive (was {firstResponse}).";
        if (ResolutionMode != SlaClockMode.StatutoryDeadline)
        {
            if (ResolutionTarget is not { } resolution)
                yield return $"{path}:ResolutionTarget is required (e.g. 3.00:00:00 for three days).";
            else if (resolution <= TimeSpan.Zero)
                yield return $"{path}:ResolutionTarget must be positive (was {resolution}).";
        }
        if (!Enum.IsDefined(FirstResponseMode))
            yield return $"{path}:FirstResponseMode must be Calendar or BusinessHours.";
        if (!Enum.IsDefined(ResolutionMode))
            yield return $"{path}:ResolutionMode must be Calendar, BusinessHours or StatutoryDeadline.";
        for (var i = 0; i < PausingStatuses.Count; i++)
            if (string.IsNullOrWhiteSpace(PausingStatuses[i]))
                yield return $"{path}:PausingStatuses:{i} must not be empty.";
    }

    public SlaPolicy Build() => new(
        Name!,
        FirstResponseTarget is { } firstResponse ? new SlaTarget(firstResponse, FirstResponseMode) : null,
        ResolutionMode == SlaClockMode.StatutoryDeadline ? SlaTarget.Statutory : new SlaTarget(ResolutionTarget!.Value, ResolutionMode))
    {
        Segment = Blank(Segment),
        Priority = Blank(Priority),
        ProductLine = Blank(ProductLine),
        Product = Blank(Product),
        Channel = Blank(Channel),
        ComplaintType = Blank(ComplaintType),
        PausingStatuses = PausingStatuses.ToHashSet(StringComparer.OrdinalIgnoreCase),
    };

    // Configuration binds an empty value as "", which must mean "any", not "only the empty code".
    private static string? Blank(string? criterion) => string.IsNullOrWhiteSpace(criterion) ? null : criterion.Trim();
}
