using System.Security.Claims;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Complaints.Dashboards.Access;

/// <summary>
/// A person signed in at the company's identity provider acts as the local account of the same user name: the provider
/// says who they are, the users page says what they may do. Nobody gets in on the provider's word alone.
/// </summary>
public static class OpenIdSignIn
{
    /// <summary>What the sign-in page says when the provider's answer was refused or broken (<c>/sign-in?error=external</c>).</summary>
    public const string RefusedError = "external";

    public static async Task MapToAccountAsync(TokenValidatedContext context, OpenIdConnectSettings settings)
    {
        var services = context.HttpContext.RequestServices;
        var name = context.Principal?.FindFirst(settings.UserNameClaim)?.Value ?? context.Principal?.FindFirst(ClaimTypes.Email)?.Value;
        var from = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var account = await services.GetRequiredService<AccountStore>().ExternalSignInAsync(name, context.Options.Authority ?? "openid-connect", from,
            context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.Fail($"No usable local account for '{name ?? "(no " + settings.UserNameClaim + " claim)"}': an administrator creates it on the users page.");
            return;
        }
        context.Principal = AccountPrincipal.For(account, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>A refused or failed sign-in at the provider goes back to the sign-in page saying so, instead of an error page.</summary>
    public static Task ReturnToSignInAsync(RemoteFailureContext context)
    {
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OpenIdSignIn))
            .LogWarning(context.Failure, "Sign-in through the identity provider refused");
        context.Response.Redirect($"/sign-in?error={RefusedError}");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
