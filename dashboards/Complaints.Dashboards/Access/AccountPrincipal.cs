using System.Security.Claims;
using Complaints.Warehouse.Accounts;

namespace Complaints.Dashboards.Access;

/// <summary>The claims a signed-in account or a token carries, always built from the stored account (never from the cookie's old copy).</summary>
public static class AccountPrincipal
{
    public const string DisplayNameClaim = "complaints:display_name";
    public const string TokenClaim = "complaints:token_id";

    public static ClaimsPrincipal For(UserAccount account, string scheme, IReadOnlyList<string>? tokenRoles = null, long? tokenId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.UserName),
            new(DisplayNameClaim, account.DisplayName),
        };
        var roles = tokenRoles is null ? account.Roles : account.Roles.Intersect(tokenRoles).ToList();
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        // A token scoped to some roles carries the personal-data permission only if it holds a role that reads complaints.
        if (account.PersonalData && roles.Count > 0)
            claims.Add(new Claim(Policies.PersonalDataClaim, "true"));
        if (tokenId is not null)
            claims.Add(new Claim(TokenClaim, tokenId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static ClaimsPrincipal ForFeed(string feed, string scheme, long? tokenId) => ForFeeds([feed], scheme, tokenId);

    /// <summary>An upload credential: it may upload to these feeds and nothing else.</summary>
    public static ClaimsPrincipal ForFeeds(IReadOnlyList<string> feeds, string scheme, long? tokenId) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, $"feed:{string.Join('+', feeds)}"), .. feeds.Select(f => new Claim(Policies.FeedClaim, f)),
         .. tokenId is null ? Array.Empty<Claim>() : [new Claim(TokenClaim, tokenId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))]],
        scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>Who the audit log names for what this request does: the account (and the token, when one was used).</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        var name = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous";
        return user.FindFirst(TokenClaim)?.Value is { } token ? $"{name} (token {token})" : name;
    }

    public static bool MaySeePersonalData(ClaimsPrincipal user) => user.HasClaim(Policies.PersonalDataClaim, "true");
}
