using System.ComponentModel.DataAnnotations;

namespace Complaints.Warehouse;

public sealed class ReportingOptions : IValidatableObject
{
    public const string Section = "Reporting";

    /// <summary>The one IANA zone used for date filters and buckets.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TimeZone { get; set; } = "Europe/Warsaw";

    /// <summary>ISO 4217 code all money is reported in.</summary>
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Reporting:Currency must be an ISO 4217 code such as PLN.")]
    public string Currency { get; set; } = "PLN";

    /// <summary>Units of the reporting currency per one unit of each other currency: the fallback for a cost whose month has no rate in the exchange_rates feed.</summary>
    public Dictionary<string, decimal> ExchangeRates { get; set; } = [];

    public const string DefaultEndingStatuses = "resolved,closed,rejected";

    /// <summary>
    /// Status codes that end a complaint, comma-separated. A complaint is open until its status is one of them, whatever
    /// its dates say; one in an ending status without a resolution date is closed with its time unknown.
    /// </summary>
    public string EndingStatuses { get; set; } = DefaultEndingStatuses;

    /// <summary>The ending statuses as a list, trimmed and lower-case (status codes are stored that way).</summary>
    public IReadOnlyList<string> EndingStatusList() => ParseStatuses(EndingStatuses);

    public static IReadOnlyList<string> ParseStatuses(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToLowerInvariant()).Distinct()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"Reporting:TimeZone '{TimeZone}' is not a known time zone id (e.g. Europe/Warsaw).", [nameof(TimeZone)]);
        foreach (var (currency, rate) in ExchangeRates)
            if (rate <= 0)
                yield return new ValidationResult($"Reporting:ExchangeRates:{currency} must be greater than zero.", [nameof(ExchangeRates)]);
        if (EndingStatusList().Count == 0)
            yield return new ValidationResult($"Reporting:EndingStatuses names no status: give the status codes that end a complaint, comma-separated (default {DefaultEndingStatuses}).", [nameof(EndingStatuses)]);
    }

    /// <summary>Rates including the reporting currency itself at 1.</summary>
    public IReadOnlyDictionary<string, decimal> RatesToReportingCurrency()
    {
        var rates = new Dictionary<string, decimal>(ExchangeRates, StringComparer.OrdinalIgnoreCase) { [Currency] = 1m };
        return rates;
    }
}
