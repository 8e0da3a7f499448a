using System.Threading.RateLimiting;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Complaints.Dashboards.Access;

/// <summary>Sign-in (cookie sessions, API tokens, OpenID Connect when configured), the policies, and the upload rate limit.</summary>
public static class AccessSetup
{
    private const string Selector = "Complaints";
    public const string UploadLimiter = "uploads";

    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(AccessOptions.Section).Get<AccessOptions>() ?? new AccessOptions();

        var authentication = builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = Selector;
                o.DefaultChallengeScheme = Selector;
            })
            // A request carrying a token is judged by the token alone; any other by the browser session.
            .AddPolicyScheme(Selector, Selector, o => o.ForwardDefaultSelector = c =>
                ApiTokenHandler.Carries(c.Request) ? ApiTokenHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = ".Complaints.Session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(settings.SessionMinutes);
                o.SlidingExpiration = true;
                o.LoginPath = "/sign-in";
                o.AccessDeniedPath = "/access-denied";
                o.Events.OnRedirectToLogin = c => Refusals.IsApi(c.Request) ? Refusals.WriteUnauthorizedAsync(c.HttpContext) : Redirect(c);
                o.Events.OnRedirectToAccessDenied = c => Refusals.IsApi(c.Request) ? Refusals.WriteForbiddenAsync(c.HttpContext) : Redirect(c);
                o.Events.OnValidatePrincipal = RefreshFromStore;
            });
        if (settings.OpenIdConnect.Configured)
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = settings.OpenIdConnect.Authority;
                o.ClientId = settings.OpenIdConnect.ClientId;
                o.ClientSecret = settings.OpenIdConnect.ClientSecret;
                o.RequireHttpsMetadata = !settings.OpenIdConnect.OnLoopback;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.Scope.Add("profile");
                o.Scope.Add("email");
                o.Events.OnTokenValidated = c => OpenIdSignIn.MapToAccountAsync(c, settings.OpenIdConnect);
                o.Events.OnRemoteFailure = OpenIdSignIn.ReturnToSignInAsync;
            });

        builder.Services.AddAuthorization(Policies.Configure);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(UploadLimiter, c => RateLimitPartition.GetFixedWindowLimiter(AccountPrincipal.Actor(c.User),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.UploadsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        builder.Services.AddHostedService<FirstStart>();
        builder.Services.AddSingleton<HostCredential>();
        return builder;
    }

    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Every request reads the account again: a lock, or roles taken away, hold at once, not when the cookie expires.</summary>
    private static Task RefreshFromStore(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var name = context.Principal?.Identity?.Name;
        var account = name is null ? null : services.GetRequiredService<AccountStore>().Find(name);
        if (account is null || !account.MayActAt(services.GetRequiredService<TimeProvider>().GetUtcNow()))
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        context.ReplacePrincipal(AccountPrincipal.For(account, CookieAuthenticationDefaults.AuthenticationScheme));
        return Task.CompletedTask;
    }
}
