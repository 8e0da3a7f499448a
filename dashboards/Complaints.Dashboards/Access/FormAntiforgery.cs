using Microsoft.AspNetCore.Antiforgery;

namespace Complaints.Dashboards.Access;

/// <summary>
/// For endpoints that take both a page's form and a script's JSON: a form post must carry the page's antiforgery token
/// (a browser sends the session cookie along with any site's forged form); a call made with a token in its header
/// carries no ambient credential and needs none.
/// </summary>
public static class FormAntiforgery
{
    public static RouteHandlerBuilder WithFormAntiforgery(this RouteHandlerBuilder endpoint) => endpoint
        .DisableAntiforgery() // checked below, for forms only
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.HasFormContentType && !ApiTokenHandler.Carries(http.Request))
            {
                try
                {
                    await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
                }
                catch (AntiforgeryValidationException)
                {
                    return TypedResults.Problem(title: "Form expired", detail: "The form's antiforgery token is missing or stale: open the page again and resend.",
                        statusCode: StatusCodes.Status400BadRequest);
                }
            }
            return await next(context);
        });
}
