using System.Text;
using Complaints.Dashboards.Access;
using Complaints.Dashboards.Components;
using Complaints.Ingest;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Complaints.Warehouse.Ingest;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.Features.Ingest;

/// <summary>
/// <c>POST /api/ingest/{feed}</c>: a file as the raw body or as multipart form data, with the feed's key in
/// <c>X-Api-Key</c>; runs the same load as the inbox, synchronously, and answers with the run's summary. A body that is
/// not multipart is the file, whatever its content type says (<c>curl --data-binary</c> labels it a form). Files over
/// <c>Ingest:MaxUploadMegabytes</c> are answered with 413, pointing to the inbox folder and the command line.
/// </summary>
public static class IngestEndpoints
{
    public const string ApiKeyHeader = ApiTokenHandler.ApiKeyHeader;

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ingest/{feed}", UploadAsync)
            .DisableAntiforgery() // a machine-to-machine endpoint authenticated by its token, never by a browser session
            .RequireAuthorization(Policies.Upload)
            .RequireRateLimiting(AccessSetup.UploadLimiter)
            .WithTags("Ingest");
        var runs = app.MapGroup("/api/ingest/runs").WithTags("Ingest");
        runs.MapGet("", RecentRuns).RequireAuthorization(Policies.IngestRuns);
        runs.MapGet("/{runId:long}/quarantine.csv", DownloadQuarantine).RequireAuthorization(Policies.IngestRuns);
        runs.MapGet("/{runId:long}/conflicts", (long runId, IngestRunQueries runs, HttpContext context) => runs.Find(runId) is null
                ? Problem(StatusCodes.Status404NotFound, "Unknown run", $"There is no ingest run {runId}.")
                : TypedResults.Ok(runs.Conflicts(runId).Select(c => RawRows.Conflict(context.User, c)).ToList()))
            .RequireAuthorization(Policies.IngestRuns);
        runs.MapPost("/{runId:long}/rollback", RollBackAsync).RequireAuthorization(Policies.Administration).WithFormAntiforgery();
        return app;
    }

    /// <summary>The newest runs, <c>limit</c> of them (1–1000, default 100); any other value is answered 400 saying so.</summary>
    private static IResult RecentRuns(IngestRunQueries runs, string? limit)
    {
        var count = 100;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > 1000))
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit", $"'limit' must be a whole number from 1 to 1000 (got '{limit}').");
        return TypedResults.Ok(runs.Recent(count));
    }

    /// <summary>All of a run's set-aside rows as CSV, streamed: a download is never cut short, whatever its size.</summary>
    private static async Task<IResult> DownloadQuarantine(long runId, IngestRunQueries runs, HttpResponse response, CancellationToken cancellationToken)
    {
        if (runs.Find(runId) is not { } run)
            return Problem(StatusCodes.Status404NotFound, "Unknown run", $"There is no ingest run {runId}.");
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"quarantine-run{runId}-{Path.GetFileNameWithoutExtension(run.FileName)}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync(CsvText.Row("run", "feed", "file", "line", "column", "reason", "raw_text"));
        foreach (var entry in runs.AllQuarantine(runId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(CsvText.Row(runId.ToString(System.Globalization.CultureInfo.InvariantCulture), run.Feed, run.FileName,
                entry.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Column, entry.Reason, RawRows.RawText(response.HttpContext.User, entry.RawText)));
        }
        return Results.Empty;
    }

    /// <summary>
    /// Rolls a run back (administrator key required): 200 with what was undone, 404 for an unknown run, 409 when the run
    /// stored nothing, was rolled back already or a later run changed its records (the answer names the run to roll back first).
    /// </summary>
    private static async Task<IResult> RollBackAsync(long runId, HttpRequest request, RunRollback rollback, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await rollback.RollBackAsync(runId, AccountPrincipal.Actor(request.HttpContext.User), cancellationToken));
        }
        catch (RollbackRefusedException e)
        {
            return e.UnknownRun
                ? Problem(StatusCodes.Status404NotFound, "Unknown run", e.Message)
                : Problem(StatusCodes.Status409Conflict, "Run cannot be rolled back", e.Message);
        }
    }

    private static async Task<IResult> UploadAsync(string feed, string? profile, HttpRequest request, IOptions<IngestOptions> options,
        CanonicalFileLoader loader, ProfiledFileLoader profiledLoader, Complaints.Warehouse.Accounts.AccountStore accounts, CancellationToken cancellationToken)
    {
        if (FeedLayouts.Find(feed) is not { } layout)
            return Problem(StatusCodes.Status404NotFound, "Unknown feed", $"There is no feed '{feed}'. Feeds: {string.Join(", ", FeedLayouts.All.Select(f => f.Name))}.");
        // A feed's token uploads to its own feed only; an administrator's own token to any.
        var user = request.HttpContext.User;
        var tokenFeed = user.FindFirst(Policies.FeedClaim)?.Value;
        if (tokenFeed is not null && !user.HasClaim(Policies.FeedClaim, layout.Name))
            return options.Value.ApiKeys.ContainsKey(layout.Name) || accounts.ListTokens().Any(t => t.Feed == layout.Name && !t.Revoked)
                ? Problem(StatusCodes.Status401Unauthorized, "Wrong feed token", $"The token is the '{tokenFeed}' feed's; send the '{layout.Name}' feed's token in the {ApiKeyHeader} header.")
                : Problem(StatusCodes.Status403Forbidden, "Uploads are off for this feed",
                    $"The '{layout.Name}' feed has no upload token; an administrator creates one on the users page (or sets Ingest:ApiKeys:{layout.Name}).");

        // Only shipped profiles by name: an upload cannot point the server at a file of its choosing.
        MappingProfile? mapping = null;
        if (!string.IsNullOrEmpty(profile))
        {
            if (ProfiledFileLoader.FindShipped(profile) is not { } profilePath)
                return Problem(StatusCodes.Status400BadRequest, "Unknown profile", $"There is no shipped mapping profile '{profile}'.");
            try
            {
                mapping = MappingProfile.Read(profilePath);
            }
            catch (FileRejectedException e)
            {
                return Problem(StatusCodes.Status500InternalServerError, "Shipped profile is not valid", e.Message);
            }
            if (mapping.Layout != layout)
                return Problem(StatusCodes.Status400BadRequest, "Profile is for another feed", $"Profile '{profile}' maps to the {mapping.Layout.Name} feed, not {layout.Name}.");
        }

        var limit = options.Value.MaxUploadBytes;
        if (request.ContentLength > limit)
            return TooLarge(options.Value, layout);
        // The server then stops reading at the limit too, for bodies sent without a length.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;

        var folder = Directory.CreateTempSubdirectory("complaints-upload-");
        try
        {
            var (fileName, error) = await SaveBodyAsync(request, layout, folder.FullName, limit, cancellationToken);
            if (error == TooLargeError)
                return TooLarge(options.Value, layout);
            if (error is not null)
                return Problem(StatusCodes.Status400BadRequest, "No file", error);
            var path = Path.Combine(folder.FullName, fileName!);
            var result = mapping is null
                ? await loader.LoadAsync(path, layout, cancellationToken: cancellationToken)
                : await profiledLoader.LoadAsync(path, mapping, cancellationToken);
            return result.Status == LoadStatus.Rejected
                ? TypedResults.UnprocessableEntity(result)
                : TypedResults.Ok(result);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private const string TooLargeError = "too large";

    private static IResult TooLarge(IngestOptions options, FeedLayout feed) => Problem(StatusCodes.Status413PayloadTooLarge, "File too large for an upload",
        $"Uploads take files up to {options.MaxUploadMegabytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} MB (Ingest:MaxUploadMegabytes). " +
        $"Put a bigger file into the feed's inbox folder ({Path.Combine(options.Root, feed.Name, "inbox")}/" +
        (Path.IsPathRooted(options.Root) ? "" : ", under the platform's content root") + "), or load it with the command line: " +
        $"dotnet run --project dashboards/Complaints.Dashboards -- ingest <file> --feed {feed.Name}.");

    /// <summary>Multipart form data carries the file in its first file field; any other body is the file itself.</summary>
    private static bool IsMultipart(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    private static async Task<(string? FileName, string? Error)> SaveBodyAsync(HttpRequest request, FeedLayout feed, string folder, long limit, CancellationToken cancellationToken)
    {
        try
        {
            Stream body;
            string? name;
            if (IsMultipart(request))
            {
                var form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken);
                if (form.Files.Count == 0)
                    return (null, "The form carries no file: send it as a multipart file field, or as the raw request body.");
                body = form.Files[0].OpenReadStream();
                name = form.Files[0].FileName;
            }
            else
            {
                body = request.Body;
                name = request.Query["fileName"].FirstOrDefault();
            }

            // Only the name's last part is kept: an upload cannot choose where it is written.
            var fileName = Path.GetFileName(string.IsNullOrWhiteSpace(name) ? $"upload-{feed.Name}.csv" : name);
            var path = Path.Combine(folder, fileName);
            await using (var file = File.Create(path))
            await using (body)
                await body.CopyToAsync(file, cancellationToken);
            return new FileInfo(path).Length == 0 ? (null, "The request body is empty: send the file's content.") : (fileName, null);
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                                   || (e is InvalidDataException && e.Message.Contains("length limit", StringComparison.Ordinal)))
        {
            // The server stopped reading at the limit (a body sent without a length), or the form reader did.
            return (null, TooLargeError);
        }
    }

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
