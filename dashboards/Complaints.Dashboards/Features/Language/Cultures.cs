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

    /// <summary>Remembers a culture in the localization cookie for a year.</summary>
    public static void Remember(HttpResponse response, CultureInfo culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });

    /// <summary>
    /// A page asked for with <c>?culture=pl-PL</c> also remembers it: the interactive charts render over the connection
    /// Blazor opens after the page loads, which carries the cookie but not the page's query string.
    /// </summary>
    public static IApplicationBuilder UseQueryCultureAsCookie(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (Find(context.Request.Query["culture"]) is { } asked)
            Remember(context.Response, asked);
        return next(context);
    });

    /// <summary>The chosen culture is read from the cookie the switcher sets, then from the browser's languages.</summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(Default);
        options.SupportedCultures = [.. Supported];
        options.SupportedUICultures = [.. Supported];
    }
}
