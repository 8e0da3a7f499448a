using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Language;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.Features.Account;

/// <summary>Sign-in with a local account (the sign-in page's form), through the company's identity provider, and sign-out.</summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string ExternalPath = "/account/sign-in/external";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapPost("/sign-in", SignInAsync).WithFormAntiforgery();
        account.MapPost("/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/sign-in");
        }).WithFormAntiforgery();
        account.MapGet("/sign-in/external", (string? returnUrl, IOptions<AccessOptions> options) => options.Value.OpenIdConnect.Configured
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = Local(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme])
            : Results.NotFound());
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, AccountStore accounts, IOptions<AccessOptions> options)
    {
        if (!context.Request.HasFormContentType)
            return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (userName, password) = (form["userName"].ToString(), form["password"].ToString());
        var back = Local(form["returnUrl"].ToString());
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return Results.LocalRedirect($"/sign-in?error=missing&returnUrl={Uri.EscapeDataString(back)}");
        var from = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await accounts.SignInAsync(userName, password, options.Value.MaxFailedSignIns, TimeSpan.FromMinutes(options.Value.LockoutMinutes), from, context.RequestAborted);
        if (result.Outcome != SignInOutcome.SignedIn)
        {
            // Locked and disabled accounts say so only once the password was right or the lock is in force: a guess learns nothing else.
            var error = result.Outcome switch { SignInOutcome.LockedOut => "locked", SignInOutcome.Disabled => "disabled", _ => "wrong" };
            return Results.LocalRedirect($"/sign-in?error={error}&returnUrl={Uri.EscapeDataString(back)}");
        }
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountPrincipal.For(result.Account!, CookieAuthenticationDefaults.AuthenticationScheme), new AuthenticationProperties { IsPersistent = false });
        return Results.LocalRedirect(back);
    }

    private static string Local(string? url) => LanguageEndpoints.IsLocal(url) ? url! : "/";
}
