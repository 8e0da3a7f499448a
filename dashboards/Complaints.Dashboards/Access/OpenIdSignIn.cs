using System.Security.Claims;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Complaints.Dashboards.Access;

/// <summary>
/// A person signed in at the company's identity provider acts as the local account of the same user name: the provider
/// says who they are, the users page says what they may do. Nobody gets in on the provider's word alone.
/// </summary>
public static class OpenIdSignIn
{
    public static async Task MapToAccountAsync(TokenValidatedContext context, OpenIdConnectSettings settings)
    {
        var services = context.HttpContext.RequestServices;
        var name = context.Principal?.FindFirst(settings.UserNameClaim)?.Value ?? context.Principal?.FindFirst(ClaimTypes.Email)?.Value;
        var accounts = services.GetRequiredService<AccountStore>();
        if (name is null || accounts.Find(name) is not { } account || !account.MayActAt(services.GetRequiredService<TimeProvider>().GetUtcNow()))
        {
            context.Fail($"No usable local account for '{name ?? "(no " + settings.UserNameClaim + " claim)"}': an administrator creates it on the users page.");
            return;
        }
        context.Principal = AccountPrincipal.For(account, CookieAuthenticationDefaults.AuthenticationScheme);
        await Task.CompletedTask;
    }
}
