using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Complaints.Ingest;
using Complaints.Warehouse.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.Access;

/// <summary>
/// Scripts and uploads: <c>Authorization: Bearer &lt;token&gt;</c> (a user's or a feed's stored token) or, for uploads,
/// <c>X-Api-Key</c> with a feed token or a key configured in <c>Ingest:ApiKeys</c>. Tokens are looked up on every
/// request, so a revoked token, or one whose user was locked, is refused at once.
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccountStore accounts, IOptions<IngestOptions> ingest, TimeProvider time, HostCredential host)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ApiKeyHeader = "X-Api-Key";

    public static bool Carries(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || request.Headers.ContainsKey(ApiKeyHeader);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // An upload's X-Api-Key decides when both are sent: it names the feed the file is for.
        var authorization = Request.Headers.Authorization.ToString();
        var secret = Request.Headers.ContainsKey(ApiKeyHeader) ? Request.Headers[ApiKeyHeader].ToString().Trim()
            : authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        if (secret.Length == 0)
            return AuthenticateResult.NoResult();
        if (host.Matches(secret))
            return Success(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.Name, HostCredential.UserName), new(System.Security.Claims.ClaimTypes.Role, Roles.Executive)],
                SchemeName, System.Security.Claims.ClaimTypes.Name, System.Security.Claims.ClaimTypes.Role)));

        if (accounts.FindToken(secret) is { } token)
        {
            if (token.Feed is { } feed)
            {
                await accounts.TouchTokenAsync(token, Context.RequestAborted);
                return Success(AccountPrincipal.ForFeed(feed, SchemeName, token.Id));
            }
            if (accounts.Find(token.UserName!) is not { } user || !user.MayActAt(time.GetUtcNow()))
                return AuthenticateResult.Fail("The token's account is locked or gone.");
            await accounts.TouchTokenAsync(token, Context.RequestAborted);
            return Success(AccountPrincipal.For(user, SchemeName, token.Roles, token.Id));
        }
        // Keys configured in Ingest:ApiKeys are feed tokens kept in the settings (for deployments that script them).
        // One key may serve several feeds.
        var feeds = ingest.Value.ApiKeys.Where(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(k.Value)))
            .Select(k => k.Key).ToList();
        if (feeds.Count > 0)
            return Success(AccountPrincipal.ForFeeds(feeds, SchemeName, null));
        return AuthenticateResult.Fail("Unknown or revoked token.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Refusals.WriteUnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Refusals.WriteForbiddenAsync(Context);

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) => AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
}
