using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Complaints.Dashboards.Tests.Hosting;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Testing;

namespace Complaints.Dashboards.Tests.Ingest;

public sealed class IngestTests(IngestHost host) : IClassFixture<IngestHost>
{

    /// <summary>An upload with the feed's key, or without any credential (<paramref name="key"/> null).</summary>
    private async Task<HttpResponseMessage> Upload(string feed, string csv, string? key, string fileName = "upload.csv", string? profile = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{feed}?fileName={fileName}" + (profile is null ? "" : $"&profile={Uri.EscapeDataString(profile)}")) { Content = new StringContent(csv) };
        if (key is not null)
            request.Headers.Add("X-Api-Key", key);
        using var anonymous = TestApp.Client(host.Http.BaseAddress!, token: null);
        return await (key is null ? anonymous : host.Http).SendAsync(request);
    }

    [Fact]
    public async Task An_upload_with_the_feeds_key_loads_and_answers_with_the_run_summary()
    {
        var csv = OverviewFixture.Csv(FeedLayouts.Complaints).Replace("fixture,C", "upload,C");

        var response = await Upload("complaints", csv, IngestHost.ComplaintsKey, "tickets.csv");
        var again = await Upload("complaints", csv, IngestHost.ComplaintsKey, "tickets.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<LoadResult>();
        Assert.Equal((LoadStatus.Loaded, "tickets.csv", 8L, 8L), (summary!.Status, summary.FileName, summary.RowsRead, summary.RowsInserted));
        Assert.Equal(LoadStatus.Unchanged, (await again.Content.ReadFromJsonAsync<LoadResult>())!.Status);
    }

    [Fact]
    public async Task An_upload_naming_a_shipped_profile_is_mapped_before_it_loads()
    {
        const string Csv = "Complaint ID,Product,Sub-product,Issue,Sub-issue,State,ZIP code,Submitted via,Date received,Date sent to company,Company,Company response,Timely response?,Consumer disputed?\n" +
                           "900001,Mortgage,Other mortgage,\"Loan servicing, payments, escrow account\",,NY,10001,Phone,10/14/2014,10/15/2014,Example Bank,In progress,Yes,\n";

        var response = await Upload("complaints", Csv, IngestHost.ComplaintsKey, "cfpb.csv", "cfpb-complaints");
        var unknown = await Upload("complaints", Csv, IngestHost.ComplaintsKey, "cfpb.csv", "../secrets");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<LoadResult>())!;
        Assert.Equal((LoadStatus.Loaded, "cfpb.csv", 1L), (summary.Status, summary.FileName, summary.RowsInserted));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_multipart_upload_loads_too()
    {
        using var form = new MultipartFormDataContent();
        var file = new StringContent(OverviewFixture.Csv(FeedLayouts.Complaints).Replace("fixture,C", "form,C"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "form.csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/complaints") { Content = form };
        request.Headers.Add("X-Api-Key", IngestHost.ComplaintsKey);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("form.csv", (await response.Content.ReadFromJsonAsync<LoadResult>())!.FileName);
    }

    [Fact]
    public async Task A_malformed_upload_is_answered_with_the_line_and_field_and_stores_nothing()
    {
        var before = host.Warehouse.Count("complaints");
        var csv = OverviewFixture.Csv(FeedLayouts.Complaints).Replace("fixture,C", "broken,C").Replace(",HA-0002,", ",,");

        var response = await Upload("complaints", csv, IngestHost.ComplaintsKey, "broken.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<LoadResult>())!;
        Assert.Contains("line 8, field product_sku: a value is required", summary.Error);
        Assert.Equal(new RowProblem(8, "product_sku", "a value is required"), summary.FirstProblems![0]);
        Assert.Equal(before, host.Warehouse.Count("complaints"));
    }

    [Theory]
    [InlineData("complaints", null, HttpStatusCode.Unauthorized, "X-Api-Key")]
    [InlineData("complaints", "wrong-key-wrong-key-wrong", HttpStatusCode.Unauthorized, "X-Api-Key")]
    [InlineData("costs", IngestHost.ComplaintsKey, HttpStatusCode.Forbidden, "Ingest:ApiKeys:costs")]
    [InlineData("tickets", IngestHost.ComplaintsKey, HttpStatusCode.NotFound, "Feeds: products, units_sold, exchange_rates, complaints")]
    public async Task An_upload_that_cannot_be_taken_says_what_is_wrong(string feed, string? key, HttpStatusCode status, string hint)
    {
        var response = await Upload(feed, OverviewFixture.Csv(FeedLayouts.Complaints), key);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(hint, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_scheduler_picks_up_a_file_dropped_into_an_inbox()
    {
        var inbox = Path.Combine(host.IngestRoot, "products", "inbox");
        Directory.CreateDirectory(inbox);
        var path = Path.Combine(inbox, "products.csv");
        File.WriteAllText(path, OverviewFixture.Csv(FeedLayouts.Products));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1)); // settled: not being copied any more

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (File.Exists(path) && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        Assert.False(File.Exists(path), "the file is still in the inbox after 30 s");
        Assert.Single(Directory.GetFiles(Path.Combine(host.IngestRoot, "products", "archive")));
        Assert.Equal(3, host.Warehouse.Count("products"));
    }

    [Fact]
    public async Task The_READMEs_curl_upload_command_loads_the_file()
    {
        // The command as the README prints it; curl's --data-binary labels the body application/x-www-form-urlencoded.
        var command = File.ReadLines(Path.Combine(Repository.Root, "README.md")).Select(l => l.Trim())
            .Single(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains("--data-binary", StringComparison.Ordinal))
            .Replace("http://localhost:5238", host.Http.BaseAddress!.ToString().TrimEnd('/'), StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("complaints-curl-");
        File.WriteAllText(Path.Combine(folder.FullName, "complaints.csv"), OverviewFixture.Csv(FeedLayouts.Complaints).Replace("fixture,C", "curl,C"));
        var curl = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", command + " --silent --show-error --write-out '\n%{http_code}'"])
        {
            WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["KEY"] = IngestHost.ComplaintsKey },
        };

        using var process = System.Diagnostics.Process.Start(curl)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        folder.Delete(recursive: true);

        var lines = output.TrimEnd().Split('\n');
        Assert.True("200" == lines[^1], $"curl answered {output} {await process.StandardError.ReadToEndAsync()}");
        var summary = System.Text.Json.JsonSerializer.Deserialize<LoadResult>(string.Join('\n', lines[..^1]), System.Text.Json.JsonSerializerOptions.Web)!;
        Assert.Equal((LoadStatus.Loaded, "complaints.csv", 8L), (summary.Status, summary.FileName, summary.RowsInserted));
    }

    [Fact]
    public async Task A_form_labelled_body_that_is_not_multipart_is_the_file()
    {
        var csv = OverviewFixture.Csv(FeedLayouts.Complaints).Replace("fixture,C", "form-labelled,C");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/complaints?fileName=labelled.csv")
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } },
        };
        request.Headers.Add("X-Api-Key", IngestHost.ComplaintsKey);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<LoadResult>())!;
        Assert.Equal((LoadStatus.Loaded, 8L), (summary.Status, summary.RowsInserted));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // sent in chunks, without a length: the server stops reading at the limit
    public async Task An_upload_over_the_size_limit_is_answered_413_naming_the_limit_and_the_ways_for_bigger_files(bool withLength)
    {
        var before = host.Warehouse.Count("ingest_runs");
        var big = new byte[IngestHost.MaxUploadMegabytes * 1024 * 1024 + 100_000];
        Array.Fill(big, (byte)'x');
        HttpContent content = withLength ? new ByteArrayContent(big) : new StreamContent(new UnseekableStream(big));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/complaints?fileName=big.csv") { Content = content };
        request.Headers.Add("X-Api-Key", IngestHost.ComplaintsKey);

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(withLength, response.RequestMessage!.Content!.Headers.ContentLength is not null);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains($"up to {IngestHost.MaxUploadMegabytes} MB (Ingest:MaxUploadMegabytes)", detail);
        Assert.Contains(Path.Combine(host.IngestRoot, "complaints", "inbox"), detail);
        Assert.Contains("-- ingest <file> --feed complaints", detail);
        Assert.Equal(before, host.Warehouse.Count("ingest_runs"));
    }

    /// <summary>A body whose length the client cannot know, so it is sent chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task A_conflicting_re_delivery_is_counted_and_its_fields_shown_in_the_summary_the_run_page_and_the_API()
    {
        static Dictionary<string, string> Row(string status) => new()
        {
            ["source"] = "conflict-test", ["external_id"] = "K1", ["updated_at"] = "2024-02-01T09:00:00+01:00", ["received_at"] = "2024-02-01T09:00:00+01:00",
            ["status"] = status, ["product_sku"] = "HA-0001",
        };
        await Upload("complaints", CanonicalCsv.Write(FeedLayouts.Complaints, Row("new")), IngestHost.ComplaintsKey, "conflict-v1.csv");

        var response = await Upload("complaints", CanonicalCsv.Write(FeedLayouts.Complaints, Row("closed")), IngestHost.ComplaintsKey, "conflict-v1b.csv");

        var summary = (await response.Content.ReadFromJsonAsync<LoadResult>())!;
        Assert.Equal((LoadStatus.Loaded, 1L, 0L, 1L), (summary.Status, summary.RowsRead, summary.RowsUnchanged, summary.RowsConflicting));
        var conflicts = await host.Http.GetFromJsonAsync<List<Complaints.Warehouse.Ingest.RecordConflict>>($"/api/ingest/runs/{summary.RunId}/conflicts");
        var conflict = Assert.Single(conflicts!);
        Assert.Equal(("conflict-test/K1", 2L, "status", "new", "closed"), (conflict.Key, conflict.Line, conflict.Field, conflict.StoredValue, conflict.DeliveredValue));
        var runs = await host.Http.GetFromJsonAsync<List<Complaints.Warehouse.Ingest.IngestRun>>("/api/ingest/runs");
        Assert.Equal(1L, runs!.Single(r => r.RunId == summary.RunId).RowsConflicting);
        var page = System.Net.WebUtility.HtmlDecode(await host.Http.GetStringAsync($"/ingest/runs/{summary.RunId}"));
        Assert.Contains("Records in conflict with the stored version", page);
        Assert.Matches("<td[^>]*>conflict-test/K1</td><td[^>]*>2</td><td[^>]*>status</td><td[^>]*>new</td><td[^>]*>closed</td>", page);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/api/ingest/runs/999999/conflicts")).StatusCode);
    }
}
