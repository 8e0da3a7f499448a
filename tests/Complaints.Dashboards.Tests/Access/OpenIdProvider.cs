using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Dashboards.Tests.Access;

/// <summary>
/// A minimal OpenID provider of the tests' own, on loopback: a discovery document, its signing key (JWKS), an authorize
/// endpoint that "signs in" <see cref="NextUser"/> and sends the browser back with a code, and a token endpoint that
/// checks the code, the client's secret and the PKCE verifier before issuing an RS256-signed id_token.
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "complaints-tests";
    public const string ClientSecret = "provider-secret-for-tests";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    private sealed record Grant(string User, string? Nonce, string? Challenge, string RedirectUri);

    /// <summary>Who signs in at the provider next, by their preferred_username.</summary>
    public string NextUser { get; set; } = "nobody";

    /// <summary>The query of every authorize request, as the host's challenge sent it.</summary>
    public ConcurrentQueue<IQueryCollection> Authorizations { get; } = new();

    /// <summary>What the token endpoint refused, so a test can tell a broken exchange from a refused account.</summary>
    public ConcurrentQueue<string> TokenErrors { get; } = new();

    public Uri Authority { get; private set; } = null!;

    private OpenIdProvider(WebApplication app) => _app = app;

    public static async Task<OpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var provider = new OpenIdProvider(builder.Build());
        provider.Map();
        await provider._app.StartAsync();
        var address = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Authority = new Uri(address.Replace("[::]", "127.0.0.1").TrimEnd('/'));
        return provider;
    }

    private string Issuer => Authority.GetLeftPart(UriPartial.Authority);

    private void Map()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var key = _rsa.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "test-key", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } } });
        });
        _app.MapGet("/authorize", Authorize);
        _app.MapPost("/token", TokenAsync);
    }

    private IResult Authorize(HttpRequest request)
    {
        Authorizations.Enqueue(request.Query);
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || string.IsNullOrEmpty(query["redirect_uri"]))
            return Results.BadRequest("unknown client, or not the code flow");
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(NextUser, query["nonce"], query["code_challenge"], query["redirect_uri"]!);
        var (redirect, state) = (query["redirect_uri"].ToString(), query["state"].ToString());
        if (query["response_mode"] != "form_post")
            return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(state)}");
        // As real providers answer form_post: a page whose form the browser posts back at once.
        return Results.Content($"""
            <html><body onload="document.forms[0].submit()"><form method="post" action="{WebUtility.HtmlEncode(redirect)}">
            <input type="hidden" name="code" value="{code}" /><input type="hidden" name="state" value="{WebUtility.HtmlEncode(state)}" />
            </form></body></html>
            """, "text/html");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        IResult Refuse(string why)
        {
            TokenErrors.Enqueue(why);
            return Results.Json(new { error = "invalid_grant", error_description = why }, statusCode: 400);
        }
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant))
            return Refuse("unknown or used code");
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            return Refuse("wrong client credentials");
        if (form["redirect_uri"] != grant.RedirectUri)
            return Refuse("redirect_uri differs from the authorize request's");
        var verifier = form["code_verifier"].ToString();
        if (grant.Challenge is null || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
            return Refuse("PKCE verifier does not match the challenge");
        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = $"subject-{grant.User}", ["preferred_username"] = grant.User, ["nonce"] = grant.Nonce ?? "",
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { access_token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), token_type = "Bearer", expires_in = 300, id_token = idToken });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
