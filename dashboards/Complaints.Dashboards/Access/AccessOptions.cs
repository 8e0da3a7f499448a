using System.ComponentModel.DataAnnotations;

namespace Complaints.Dashboards.Access;

/// <summary>Sign-in, sessions, lockout and upload limits (<c>Authentication:*</c>).</summary>
public sealed class AccessOptions : IValidatableObject
{
    public const string Section = "Authentication";

    /// <summary>How long a browser session lasts without use; each request within it extends it.</summary>
    [Range(5, 24 * 60)] public int SessionMinutes { get; set; } = 8 * 60;

    /// <summary>Wrong passwords in a row that lock an account for <see cref="LockoutMinutes"/>.</summary>
    [Range(3, 100)] public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 24 * 60)] public int LockoutMinutes { get; set; } = 15;

    /// <summary>The first administrator's password (e.g. from <c>Authentication__AdminPassword</c>); none: one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Uploads a feed token (or user) may make per minute; more are answered 429.</summary>
    [Range(1, 10_000)] public int UploadsPerMinute { get; set; } = 60;

    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => OpenIdConnect.Problems($"{Section}:{nameof(OpenIdConnect)}")
        .Select(problem => new ValidationResult(problem, [nameof(OpenIdConnect)]));
}

/// <summary>The company's identity provider (<c>Authentication:OpenIdConnect:*</c>); registered only when Authority and ClientId are set.</summary>
public sealed class OpenIdConnectSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The claim that names the local account the person signs in as (its user name).</summary>
    public string UserNameClaim { get; set; } = "preferred_username";
    /// <summary>The label on the sign-in page's button.</summary>
    public string DisplayName { get; set; } = "Company sign-in";

    public bool Configured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>
    /// Plain HTTP to the provider only on this machine (a provider beside the host, or a test's): anywhere else the
    /// discovery document and keys must come over HTTPS.
    /// </summary>
    public bool OnLoopback => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback;

    /// <summary>What is wrong with these settings, each naming its setting under <paramref name="path"/>; none when unset.</summary>
    public IEnumerable<string> Problems(string path)
    {
        var (hasAuthority, hasClient) = (!string.IsNullOrWhiteSpace(Authority), !string.IsNullOrWhiteSpace(ClientId));
        if (hasAuthority && !hasClient)
            yield return $"{path}:{nameof(ClientId)} is required when {path}:{nameof(Authority)} is set: the client id registered at the identity provider.";
        if (hasClient && !hasAuthority)
            yield return $"{path}:{nameof(Authority)} is required when {path}:{nameof(ClientId)} is set: the identity provider's address, e.g. https://login.example.com/realms/staff.";
        if (hasAuthority && (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
            yield return $"{path}:{nameof(Authority)} must be an absolute https:// address (plain http only on loopback), got '{Authority}'.";
        if ((hasAuthority || hasClient) && string.IsNullOrWhiteSpace(UserNameClaim))
            yield return $"{path}:{nameof(UserNameClaim)} must name the claim that holds the user name, e.g. preferred_username.";
    }
}
