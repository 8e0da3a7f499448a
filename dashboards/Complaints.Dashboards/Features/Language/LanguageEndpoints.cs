using Complaints.Dashboards.Access;
namespace Complaints.Dashboards.Features.Language;

public static class LanguageEndpoints
{
    /// <summary>
    /// <c>GET /language/{culture}?back=/sla?from=…</c>: remembers the culture in the localization cookie for a year and
    /// goes back to the page, query string and all, so the filters survive the switch.
    /// </summary>
    public static WebApplication MapLanguageEndpoints(this WebApplication app)
    {
        app.MapGet("/language/{culture}", (string culture, string? back, HttpResponse response) =>
        {
            if (Cultures.Find(culture) is not { } chosen)
                return Results.NotFound();
            Cultures.Remember(response, chosen);
            return Results.LocalRedirect(IsLocal(back) ? back! : "/");
        }).ExcludeFromDescription().AllowAnonymous(); // the sign-in page switches language too
        return app;
    }

    /// <summary>Only paths on this site: "//host" and "/\host" would send the browser elsewhere.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
