namespace Complaints.Dashboards.Access;

/// <summary>What an API caller is told when it is not signed in (401) or its role does not allow the call (403).</summary>
public static class Refusals
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static Task WriteUnauthorizedAsync(HttpContext context) => Write(context, StatusCodes.Status401Unauthorized, "Sign-in required",
        $"Send a token in the Authorization header (Bearer …); an upload takes its feed's token there or in {ApiTokenHandler.ApiKeyHeader}. " +
        "Tokens are made on the users page or with the command line's 'token create'.");

    public static Task WriteForbiddenAsync(HttpContext context) => Write(context, StatusCodes.Status403Forbidden, "Not allowed for your role",
        "Your roles do not include this; an administrator can change them on the users page.");

    private static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
            context.Response.Headers.WWWAuthenticate = "Bearer";
        return context.Response.WriteAsJsonAsync(new { title, detail, status }, options: null, contentType: "application/problem+json");
    }
}
