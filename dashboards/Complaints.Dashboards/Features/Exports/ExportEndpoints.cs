using System.Globalization;
using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Dashboards.Features.Language;
using Complaints.Dashboards.Features.Overview;
using Complaints.Reports.Charts;
using Complaints.Reports.Exports;
using Complaints.Reports.Workbooks;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.PersonalData;
using Microsoft.AspNetCore.Authorization;

namespace Complaints.Dashboards.Features.Exports;

/// <summary>
/// Downloads with the shared filters and drill-downs: a report's workbook (<c>/api/exports/executive.xlsx</c>, and one per
/// page), each chart's data as .csv, .parquet or .arrow, and the complaint list behind any figure as .xlsx, .csv, .parquet or .arrow. Mapped as one group, so an access
/// policy is one line on it.
/// </summary>
public static class ExportEndpoints
{
    public const string Prefix = "/api/exports";

    /// <summary>What the audit log holds for an export's search text.</summary>
    public const string SearchWithheld = "(withheld)";

    public static RouteGroupBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Exports");
        // The list names complaints one by one: it is for the roles that read the list; workbooks for every dashboard reader.
        api.MapGet("/complaints.{extension}", ComplaintListExport).RequireAuthorization(Policies.Complaints);
        // A chart's data by its catalogue id (overview.trend): the same figures the page draws, for every dashboard reader.
        api.MapGet("/charts/{chart}.{extension}", ChartExport).RequireAuthorization(Policies.Dashboards);
        // Any other name is a workbook; "complaints" is kept out of this route so the two never both match.
        api.MapGet("/{name:regex(^(?!complaints$)[a-z-]+$)}.{extension}", Export).RequireAuthorization(Policies.Dashboards);
        return api;
    }

    /// <summary>The address of a download with a filter, e.g. for a page's "Export to Excel" link.</summary>
    public static string Link(string name, string extension, Complaints.Warehouse.ComplaintFilter filter, params (string Name, string? Value)[] extra) =>
        $"{Prefix}/{name}.{extension}{filter.ToQueryString(extra)}";

    private static async Task<IResult> ComplaintListExport(string extension, FilterRequest query, string? q, string? culture,
        ComplaintExports exports, PersonalDataStore personalData, HttpContext context, TimeProvider time)
    {
        if (Refused(query, culture) is { } refused)
            return refused;
        if (ExportFormats.Parse(extension) is not { } format)
            return TypedResults.Problem(title: "Unknown format", detail: $"The complaint list is exported as .xlsx, .csv, .parquet or .arrow (got .{extension}).", statusCode: 404);
        var withFreeText = AccountPrincipal.MaySeePersonalData(context.User);
        if (withFreeText)
            // The search text may be a person's name: the audit log, which nothing can erase, only says there was one.
            await personalData.RecordExportAsync(AccountPrincipal.Actor(context.User),
                query.Filter.ToQueryString(("q", string.IsNullOrWhiteSpace(q) ? null : SearchWithheld)), context.RequestAborted);
        return ComplaintList(format, query, q, Cultures.Find(culture) ?? CultureInfo.CurrentUICulture, withFreeText, exports, time, context);
    }

    /// <summary>
    /// A chart's data is open to those who may read its page: every dashboard reader, except the recurring-defect signals,
    /// which are for the roles that read complaints (as the Defects page and <c>/api/defects</c> are).
    /// </summary>
    private static string PolicyOf(ChartDefinition chart) => chart.Page == "defects" ? Policies.Complaints : Policies.Dashboards;

    private static async Task<IResult> ChartExport(string chart, string extension, FilterRequest query, string? bucket, string? signal, string? culture,
        ChartExports charts, IAuthorizationService authorization, HttpContext context, TimeProvider time, CancellationToken ct)
    {
        if (Refused(query, culture) is { } refused)
            return refused;
        if (charts.Catalogue.Find(chart) is not { } definition)
            return TypedResults.Problem(title: "No such chart", detail: $"Charts are {charts.Catalogue.Ids} (got '{chart}').", statusCode: 404);
        if (PolicyOf(definition) != Policies.Dashboards && !(await authorization.AuthorizeAsync(context.User, PolicyOf(definition))).Succeeded)
            return TypedResults.Forbid();
        if (ExportFormats.Parse(extension) is not { } format || !ChartExports.Formats.Contains(format))
            return TypedResults.Problem(title: "Unknown format", detail: $"A chart's data is exported as .csv, .parquet or .arrow (got .{extension}).", statusCode: 404);
        if (!string.IsNullOrEmpty(bucket) && TimeBuckets.Parse(bucket) is null)
            return TimeBuckets.Invalid(bucket);
        // A chart's rows are few: the file is made whole before it is sent, so a failure is an error, never a half file.
        using var output = new MemoryStream();
        var language = Cultures.Find(culture) ?? CultureInfo.CurrentUICulture;
        try
        {
            await charts.WriteAsync(definition, format, output, charts.Query(query.Filter, TimeBuckets.Parse(bucket) ?? TimeBucket.Month, signal), language, ct);
        }
        catch (KeyNotFoundException unknown) when (definition.PerSignal)
        {
            return TypedResults.Problem(title: "No such series", detail: unknown.Message, statusCode: 404);
        }
        return TypedResults.File(output.ToArray(), format.ContentType(), ChartExports.FileName(definition, format, time.GetUtcNow()));
    }

    private static IResult? Refused(FilterRequest query, string? culture)
    {
        if (query.Error is not null)
            return TypedResults.Problem(title: "Invalid filter", detail: FilterWords.Error(query.Error), statusCode: StatusCodes.Status400BadRequest);
        if (!string.IsNullOrEmpty(culture) && Cultures.Find(culture) is null)
            return TypedResults.Problem(title: "Unknown culture", detail: $"'culture' must be one of {string.Join(", ", Cultures.Supported.Select(c => c.Name))} (got '{culture}').",
                statusCode: StatusCodes.Status400BadRequest);
        return null;
    }

    private static async Task<IResult> Export(string name, string extension, FilterRequest query, string? culture,
        ReportWorkbooks workbooks, CancellationToken ct)
    {
        if (Refused(query, culture) is { } refused)
            return refused;
        var language = Cultures.Find(culture) ?? CultureInfo.CurrentUICulture;
        if (ReportDefinition.Find(name) is not { } report || extension != "xlsx")
            return TypedResults.Problem(title: "No such export",
                detail: $"Workbooks are {string.Join(", ", ReportDefinition.All.Select(r => r.Name + ".xlsx"))}; the list is complaints.xlsx, .csv, .parquet or .arrow.", statusCode: 404);
        var (fileName, content, _) = await workbooks.BuildAsync(report, query.Filter, language, ct);
        return TypedResults.File(content, ExportFormat.Xlsx.ContentType(), fileName);
    }

    /// <summary>
    /// Streams the list. Past Excel's row limit an .xlsx is refused before anything is sent (409), naming the row count
    /// and the formats that hold it all; a file is never cut.
    /// </summary>
    private static IResult ComplaintList(ExportFormat format, FilterRequest query, string? search, CultureInfo language, bool withFreeText, ComplaintExports exports, TimeProvider time,
        HttpContext context)
    {
        if (format == ExportFormat.Xlsx && exports.Count(query.Filter, search, withFreeText) is var rows and > ExportFormats.ExcelDataRows)
        {
            var others = new[] { "csv", "parquet", "arrow" }.ToDictionary(e => e, e => Link("complaints", e, query.Filter, ("q", search)));
            return TypedResults.Problem(title: "Too many rows for Excel", detail: new TooManyRowsForExcel(rows).Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["rows"] = rows, ["alternatives"] = others });
        }
        var fileName = ComplaintExports.FileName(format, time.GetUtcNow());
        return TypedResults.Stream(async output =>
        {
            // SpreadCheetah ends the .xlsx (its zip's last entries) with a synchronous write, which Kestrel refuses by
            // default: the download broke off after its rows. Allowed for this response only.
            if (format == ExportFormat.Xlsx && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
                body.AllowSynchronousIO = true;
            await exports.WriteAsync(format, output, query.Filter, search, language, withFreeText);
        }, format.ContentType(), fileName);
    }
}
