using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Complaints.Dashboards.Features.Language;

/// <summary>The UI's languages. English (British: day-first dates) is the default; Polish formats numbers as 1 234,50 zł.</summary>
public static class Cultures
{
    public static readonly IReadOnlyList<CultureInfo> Supported = [new("en-GB"), new("pl-PL")];

    public static CultureInfo Default => Supported[0];

    public static CultureInfo? Find(string? name) =>
        Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The chosen culture is read from the cookie the switcher sets, then from the browser's languages.</summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(Default);
        options.SupportedCultures = [.. Supported];
        options.SupportedUICultures = [.. Supported];
    }
}
