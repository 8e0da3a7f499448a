using System.Globalization;
using System.Security.Cryptography;
using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Dashboards.Features.Language;
using Complaints.Reports.AuditReports;
using Complaints.Reports.Exports;
using Complaints.Warehouse;
using Complaints.Warehouse.AuditReports;

namespace Complaints.Dashboards.Features.Audit;

/// <summary>
/// Audit reports for auditors: <c>GET /api/audit/reports/register.xlsx</c> (every row) and <c>summary.pdf</c> for a
/// period (<c>from</c>, <c>to</c>), the shared filter and optionally <c>asof</c> (reproduced as the warehouse stood
/// then); <c>GET /api/audit/reports</c> lists the issued ones; <c>POST /api/audit/reports/verify</c> takes a file
/// (a form's <c>file</c> field, or the whole body) and says whether the platform issued exactly those bytes.
/// One route group, under the audit trail's policy.
/// </summary>
public static class AuditReportEndpoints
{
    public const string Prefix = "/api/audit/reports";

    public static RouteGroupBuilder MapAuditReportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Audit reports").RequireAuthorization(Policies.AuditTrail);
        api.MapGet("/register.xlsx", (FilterRequest query, string? culture, AuditReportIssuer issuer, HttpContext context, TimeProvider time) =>
            Issue(AuditReportKind.Register, query, culture, issuer, context, time));
        api.MapGet("/summary.pdf", (FilterRequest query, string? culture, AuditReportIssuer issuer, HttpContext context, TimeProvider time) =>
            Issue(AuditReportKind.Summary, query, culture, issuer, context, time));
        api.MapGet("", (IssuedReports log) => TypedResults.Ok(log.Latest()));
        api.MapPost("/verify", Verify).WithFormAntiforgery();
        return api;
    }

    /// <summary>The address of a report, e.g. to reproduce an issued one as of its instant.</summary>
    public static string Link(IssuedReport report, bool asOfIssue)
    {
        var query = $"from={report.From:yyyy-MM-dd}&to={report.To:yyyy-MM-dd}" + (report.Filter.Length > 0 ? "&" + report.Filter : "")
            + (asOfIssue ? "&asof=" + Uri.EscapeDataString(FilterValues.FormatInstant(report.AsOf)) : "");
        return $"{Prefix}/{report.Kind}?{query}";
    }

    /// <summary>
    /// Prepares the report (its first pass) before the response starts, so a register too large for Excel gets a 409 with
    /// the reason and the ways out instead of a download that breaks off; then streams it.
    /// </summary>
    private static async Task<IResult> Issue(AuditReportKind kind, FilterRequest query, string? culture, AuditReportIssuer issuer, HttpContext context, TimeProvider time)
    {
        if (query.Error is not null)
            return TypedResults.Problem(title: "Invalid filter", detail: FilterWords.Error(query.Error), statusCode: StatusCodes.Status400BadRequest);
        if (!string.IsNullOrEmpty(culture) && Cultures.Find(culture) is null)
            return TypedResults.Problem(title: "Unknown culture", detail: $"'culture' must be one of {string.Join(", ", Cultures.Supported.Select(c => c.Name))} (got '{culture}').",
                statusCode: StatusCodes.Status400BadRequest);
        if (AuditReportScope.Of(query.Filter, time.GetUtcNow(), out var problem) is not { } scope)
            return TypedResults.Problem(title: "Name the report's period", detail: problem, statusCode: StatusCodes.Status400BadRequest);
        var language = Cultures.Find(culture) ?? CultureInfo.CurrentUICulture;
        var actor = AccountPrincipal.Actor(context.User);
        var generatedAt = issuer.GeneratedAt(scope);
        PreparedAuditReport prepared;
        try
        {
            prepared = await issuer.PrepareAsync(kind, scope, language, generatedAt, context.RequestAborted);
        }
        catch (RegisterTooLargeForExcel e)
        {
            return TypedResults.Problem(title: "Too many rows for Excel", detail: e.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["sheet"] = e.Sheet.ToString(), ["rows"] = e.Rows, ["limit"] = e.Limit, ["alternatives"] = WaysOut(query.Filter) });
        }
        context.Response.RegisterForDispose(prepared);
        return TypedResults.Stream(async output => await issuer.WriteAsync(prepared, actor, output, context.RequestAborted),
            kind.ContentType(), AuditReportIssuer.FileName(kind, scope, generatedAt));
    }

    /// <summary>Where to go instead of a register too large for Excel: each half of its period, and the period's complaints as CSV.</summary>
    private static Dictionary<string, string> WaysOut(Complaints.Warehouse.ComplaintFilter filter)
    {
        var (from, to) = (filter.From!.Value, filter.To!.Value);
        var middle = from.AddDays((to.DayNumber - from.DayNumber) / 2);
        var ways = new Dictionary<string, string>();
        if (middle < to)
        {
            ways["firstHalf"] = Prefix + "/register.xlsx" + (filter with { To = middle }).ToQueryString();
            ways["secondHalf"] = Prefix + "/register.xlsx" + (filter with { From = middle.AddDays(1) }).ToQueryString();
        }
        ways["csv"] = Exports.ExportEndpoints.Link("complaints", "csv", filter with { AsOf = null });
        return ways;
    }

    /// <summary>
    /// Hashes the file handed in. A form (the verify page) is sent back to the page with the digest, which the page looks
    /// up; any other call gets the answer as JSON. Only the digest is kept: the file is read as a stream, never stored.
    /// </summary>
    private static async Task<IResult> Verify(HttpRequest request, IssuedReports log, CancellationToken ct)
    {
        string sha;
        long bytes;
        if (request.HasFormContentType && (await request.ReadFormAsync(ct)).Files.GetFile("file") is { } file)
        {
            await using var stream = file.OpenReadStream();
            (sha, bytes) = (Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)), file.Length);
            return Results.Redirect($"/audit/verify?sha={sha}&bytes={bytes}&name={Uri.EscapeDataString(Path.GetFileName(file.FileName))}");
        }
        if (request.HasFormContentType)
            return TypedResults.Problem(title: "Send the file", detail: "Attach the report as the form field 'file', or send its bytes as the request body.", statusCode: 400);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0)
            return TypedResults.Problem(title: "Send the file", detail: "The request body is empty: send the report's bytes (curl --data-binary @file).", statusCode: 400);
        buffer.Position = 0;
        (sha, bytes) = (Convert.ToHexStringLower(await SHA256.HashDataAsync(buffer, ct)), buffer.Length);
        var issues = log.WithFileDigest(sha);
        return TypedResults.Ok(new { issued = issues.Count > 0, sha256 = sha, bytes, issues });
    }
}
