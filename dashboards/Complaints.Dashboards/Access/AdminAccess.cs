using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.Access;

/// <summary>
/// Guards administrator actions: the key comes in the <c>X-Admin-Key</c> header (API) or the <c>adminKey</c> form field
/// (a page's form). Who acted is recorded in the audit log by the action itself.
/// </summary>
public static class AdminAccess
{
    public const string Header = "X-Admin-Key";
    public const string FormField = "adminKey";

    /// <summary>Null when the request may act as an administrator; otherwise the 401/403 answer saying what to do.</summary>
    public static async Task<IResult?> DenyAsync(HttpRequest request, IOptions<AdminOptions> options)
    {
        var given = request.Headers[Header].ToString();
        if (given.Length == 0 && request.HasFormContentType)
            given = (await request.ReadFormAsync()).TryGetValue(FormField, out var field) ? field.ToString() : "";
        return Refusal(given, options.Value) is { } refusal ? Problem(refusal.Status, refusal.Title, refusal.Detail) : null;
    }

    /// <summary>Null when <paramref name="given"/> is the administrator key; otherwise why not, for an API answer or a page's message.</summary>
    public static (int Status, string Title, string Detail)? Refusal(string? given, AdminOptions options)
    {
        if (string.IsNullOrEmpty(options.ApiKey))
            return (StatusCodes.Status403Forbidden, "Administrator actions are off",
                $"No administrator key is configured; set {AdminOptions.Section}:ApiKey to enable them.");
        return Matches(given ?? "", options.ApiKey) ? null
            : (StatusCodes.Status401Unauthorized, "Missing or wrong administrator key", $"Send the administrator key in the {Header} header.");
    }

    public static bool Matches(string given, string expected) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
