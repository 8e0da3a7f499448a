using System.Diagnostics;
using System.Text;
using Complaints.Warehouse;
using Complaints.Warehouse.ComplaintList;
using Complaints.Warehouse.Costs;
using Complaints.Warehouse.Feedback;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.Products;
using Complaints.Warehouse.Rollups;
using Complaints.Warehouse.Sla;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>pages --warehouse PATH</c>: each page's server-side queries over an already loaded warehouse (one at a time and
/// the whole page as the page runs them), then each page in headless Chromium against the real host: the time from
/// navigation to the first drawn chart. Writes reports/pages.md.
/// </summary>
public static class PageBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The pages measured unless <c>--pages</c> names some (e.g. <c>--pages overview,products</c>: at 10M the SLA page alone takes minutes a run).</summary>
    public static readonly string[] AllPages = ["overview", "products", "sla", "costs", "feedback", "complaints"];

    /// <param name="SkipFacts">Leaves out what reads the facts (the rollups' comparisons, the pages from the facts): at ten million
    /// they take most of an hour, and a run that only re-times the rollups does not need them.</param>
    public sealed record Options(string WarehousePath, int Runs, int BrowserRuns, string ReportPath, string RepositoryRoot, IReadOnlyList<string> Pages,
        bool SkipFacts = false);

    /// <summary>A rollup at this size: how long building it whole took (NaN: it was built), its rows, and how its figures compare with the facts'.</summary>
    public sealed record RollupFigure(string Name, string About, double BuildSeconds, string Rows, IReadOnlyList<string> Comparison);

    /// <param name="FirstVisit">The page's first visit without page warming: its figures are computed, on a host just started.</param>
    /// <param name="LaterVisits">Later visits: figures that depend on the data alone come from the cache until the next write.</param>
    /// <param name="WarmedFirstVisit">The first visit once the host has warmed its pages (PageWarmer), as after a load.</param>
    /// <param name="CachedVisits">Later visits from a browser whose cache already holds the page's scripts.</param>
    public sealed record BrowserFigure(string Page, double FirstVisit, double WarmedFirstVisit, Timings LaterVisits, Timings CachedVisits);

    public static async Task<int> RunAsync(Options options)
    {
        if (!File.Exists(options.WarehousePath))
        {
            Console.Error.WriteLine($"No warehouse at {options.WarehousePath}: run the main benchmark with --keep first, or give --warehouse.");
            return 2;
        }
        var complaints = 0L;
        var queries = new List<QueryFigure>();
        List<RollupFigure> rollups;
        string token;
        using (var warehouse = Complaints.Testing.TempWarehouse.Open(options.WarehousePath, TimeProvider.System))
        {
            await warehouse.InitializeAsync(TimeProvider.System);
            using (var connection = warehouse.OpenConnection())
                complaints = connection.Scalar<long>("SELECT count(*) FROM complaints");
            var compared = options.SkipFacts ? [] : Filters(warehouse);
            rollups = [await RollupAsync(warehouse, compared), await SlaRollupFigures.MeasureAsync(warehouse, compared)];
            token = await ReaderTokenAsync(warehouse);
            Console.WriteLine($"Page queries over {complaints:N0} complaints, {options.Runs} runs each");
            MeasureQueries(warehouse, options, queries);
        }
        // Warmed, only the first visit is new: later visits are those the run without warming measures.
        var cold = await MeasureBrowserAsync(options, token, warmPages: false, visits: options.BrowserRuns + 1);
        // Warming asks for every chart page, the SLA page too: with only some pages chosen it would time the others' warming.
        var warmed = options.Pages.Count == AllPages.Length
            ? await MeasureBrowserAsync(options, token, warmPages: true, visits: 1)
            : cold.Select(c => (c.Page, Times: new List<double> { double.NaN }, CachedTimes: new List<double>())).ToList();
        var browser = cold.Zip(warmed, (c, w) => new BrowserFigure(c.Page, c.Times[0], w.Times[0], new Timings(c.Times.Skip(1).ToList()), new Timings(c.CachedTimes))).ToList();
        var markdown = ToMarkdown(options, complaints, rollups, queries, browser);
        Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
        File.WriteAllText(options.ReportPath, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"Report written to {options.ReportPath}");
        return 0;
    }

    /// <summary>
    /// Builds the Overview rollup whole if the warehouse was loaded before it existed (timed: what an upgrade's first start
    /// costs), then compares every Overview figure read from it with the same figure read from the facts.
    /// </summary>
    private static async Task<RollupFigure> RollupAsync(WarehouseDatabase warehouse, IReadOnlyList<(string Name, ComplaintFilter Filter)> compared)
    {
        var reporting = Microsoft.Extensions.Options.Options.Create(new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } });
        var watch = Stopwatch.StartNew();
        var built = await new ComplaintRollup(reporting, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ComplaintRollup>.Instance)
            .EnsureCurrentAsync(warehouse);
        var seconds = built ? watch.Elapsed.TotalSeconds : double.NaN;
        using var connection = warehouse.OpenConnection();
        var daily = connection.Scalar<long>("SELECT count(*) FROM complaint_daily");
        var sketch = connection.Scalar<long>("SELECT count(*) FROM handling_sketch");
        Console.WriteLine(built ? $"  Overview rollup built in {seconds:N1} s: {daily:N0} day rows, {sketch:N0} sketch rows" : "  Overview rollup already current");

        var fromRollup = new OverviewQueries(warehouse, reporting);
        var fromFacts = new OverviewQueries(warehouse, reporting, readRollup: false);
        var comparison = new List<string>();
        foreach (var (name, filter) in compared)
        {
            var (r, f) = (await fromRollup.GetAsync(filter), await fromFacts.GetAsync(filter));
            var exact = r.Totals == f.Totals && r.ComplaintsPerProduct.SequenceEqual(f.ComplaintsPerProduct) && r.Trend.SequenceEqual(f.Trend)
                        && r.CostPerProduct.Products.SequenceEqual(f.CostPerProduct.Products) && r.CostPerProduct.UnconvertedCosts == f.CostPerProduct.UnconvertedCosts
                        && r.Kpis.Current with { MedianHandlingDays = null, Csat = null } == f.Kpis.Current with { MedianHandlingDays = null, Csat = null };
            var medians = f.HandlingTimePerProduct.Select(p => (Exact: p.MedianDays, Sketch: r.HandlingTimePerProduct.Single(q => q.Sku == p.Sku).MedianDays))
                .Append((Exact: f.Kpis.Current.MedianHandlingDays ?? 0, Sketch: r.Kpis.Current.MedianHandlingDays ?? 0)).ToList();
            var worst = medians.Max(m => m.Exact == 0 ? 0 : Math.Abs(m.Sketch - m.Exact) / m.Exact);
            comparison.Add($"{name}: counts, sums, dates and costs {(exact ? "equal" : "DIFFER")}; medians at most {worst:P2} from the exact ones (stated bound {HandlingSketch.RelativeError:P2})");
            Console.WriteLine($"  rollup vs facts, {comparison[^1]}");
        }
        return new RollupFigure("Overview rollup",
            "The Overview reads `complaint_daily` (local day × product × defect category × channel × status) and `handling_sketch` " +
            "(local day × product × handling-time bin) for filters on dates, product, line, category, channel and status; other filters read the facts. " +
            $"Medians come from the sketch, within {HandlingSketch.RelativeError:P2} of the exact ones (stated on the page).",
            seconds, $"{daily:N0} day rows, {sketch:N0} sketch rows", comparison);
    }

    internal static List<(string Name, ComplaintFilter Filter)> Filters(WarehouseDatabase warehouse)
    {
        var lastDay = LastReceivedDay(warehouse);
        return [("all dates", ComplaintFilter.All), ("last quarter", new ComplaintFilter(lastDay.AddMonths(-3).AddDays(1), lastDay))];
    }

    private static void MeasureQueries(WarehouseDatabase warehouse, Options options, List<QueryFigure> figures)
    {
        var runs = options.Runs;
        var reporting = Microsoft.Extensions.Options.Options.Create(new ReportingOptions { ExchangeRates = { ["EUR"] = 4.30m } });
        var overview = new OverviewQueries(warehouse, reporting);
        var overviewFromFacts = new OverviewQueries(warehouse, reporting, readRollup: false);
        var products = new ProductsQueries(warehouse, reporting);
        var sla = new SlaQueries(warehouse, reporting, TimeProvider.System);
        var slaFromFacts = new SlaQueries(warehouse, reporting, TimeProvider.System, readRollup: false);
        var list = new ComplaintListQueries(warehouse, reporting);
        var costs = new CostsQueries(warehouse, reporting, Microsoft.Extensions.Options.Options.Create(new SlaOptions()), TimeProvider.System);
        var feedback = new FeedbackQueries(warehouse, reporting);
        foreach (var (filterName, filter) in Filters(warehouse))
        {
            void Add(string page, string query, Action action)
            {
                if (!options.Pages.Contains(PageKey(page)))
                    return;
                var timings = Timings.Measure(2, runs, action);
                figures.Add(new QueryFigure($"{page}: {query}", filterName, timings));
                Console.WriteLine($"  {page}: {query} ({filterName}): p50 {timings.P50:N1} ms, p95 {timings.P95:N1} ms");
            }

            Add("Overview", "key figures", () => overview.Kpis(filter));
            Add("Overview", "complaints per product", () => overview.ComplaintsPerProduct(filter));
            Add("Overview", "trend", () => overview.Trend(filter));
            Add("Overview", "handling time per product", () => overview.HandlingTimePerProduct(filter));
            Add("Overview", "cost per product", () => overview.CostPerProduct(filter));
            Add("Overview", "whole page", () => overview.GetAsync(filter).GetAwaiter().GetResult());
            if (!options.SkipFacts)
                Add("Overview", "whole page, every figure from the facts", () => overviewFromFacts.GetAsync(filter).GetAwaiter().GetResult());
            Add("Products", "units sold cells", () => products.SalesCells(filter));
            Add("Products", "defect Pareto", () => products.DefectPareto(filter));
            Add("Products", "whole page", () => products.GetAsync(filter).GetAwaiter().GetResult());
            var now = DateTimeOffset.UtcNow;
            Add("SLA & handling", "achievement", () => sla.Achievement(filter, now));
            Add("SLA & handling", "breaches by product line", () => sla.BreachesBy(SlaQueries.Dimension.ProductLine, filter, now));
            Add("SLA & handling", "breaches by channel", () => sla.BreachesBy(SlaQueries.Dimension.Channel, filter, now));
            Add("SLA & handling", "breaches by segment", () => sla.BreachesBy(SlaQueries.Dimension.Segment, filter, now));
            Add("SLA & handling", "breaches by team", () => sla.BreachesBy(SlaQueries.Dimension.Team, filter, now));
            Add("SLA & handling", "backlog", () => sla.Backlog(filter, now));
            Add("SLA & handling", "due soon", () => sla.DueSoon(filter, now, SlaQueries.DueSoonShown));
            Add("SLA & handling", "handling time per product", () => sla.HandlingTimePerProduct(filter));
            Add("SLA & handling", "time per status", () => sla.TimePerStatus(filter));
            Add("SLA & handling", "whole page", () => sla.GetAsync(filter).GetAwaiter().GetResult());
            // At ten million complaints the facts take a minute a run: two runs without warming.
            if (options.Pages.Contains("sla") && !options.SkipFacts)
            {
                var timings = Timings.Measure(0, 2, () => slaFromFacts.GetAsync(filter).GetAwaiter().GetResult());
                figures.Add(new QueryFigure("SLA & handling: whole page, every figure from the facts (2 runs)", filterName, timings));
                Console.WriteLine($"  SLA whole page from the facts ({filterName}): p50 {timings.P50:N1} ms");
            }
            Add("Costs", "whole page", () => costs.GetAsync(filter).GetAwaiter().GetResult());
            Add("Feedback", "whole page", () => feedback.GetAsync(filter).GetAwaiter().GetResult());
            Add("Complaints", "count + first page", () =>
            {
                list.CountAndPage(filter, null, ComplaintSort.Received, descending: true, offset: 0, limit: 50);
            });
            Add("Complaints", "search \"pralka\", count + first page", () =>
            {
                list.CountAndPage(filter, "pralka", ComplaintSort.Received, descending: true, offset: 0, limit: 50);
            });
        }
    }

    private static DateOnly LastReceivedDay(WarehouseDatabase warehouse)
    {
        using var connection = warehouse.OpenConnection();
        return DateOnly.Parse(connection.Scalar<string>("SELECT CAST(CAST(timezone('Europe/Warsaw', max(received_at)) AS DATE) AS VARCHAR) FROM complaints")!,
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The real host on a loopback port over the same warehouse, and Chromium timing each page to its first chart.</summary>
    /// <summary>
    /// A token of a quality manager the browser sends with every request: pages need a signed-in reader. The account is
    /// the benchmark's own, made once per warehouse (it is a benchmark's warehouse, never a deployment's).
    /// </summary>
    private static async Task<string> ReaderTokenAsync(WarehouseDatabase warehouse)
    {
        var accounts = new Complaints.Warehouse.Accounts.AccountStore(warehouse, TimeProvider.System);
        const string user = "page-benchmark";
        if (accounts.Find(user) is null)
            await accounts.CreateUserAsync(user, "Page benchmark", null, [Complaints.Warehouse.Accounts.Roles.QualityManager], false, "benchmark");
        var (_, secret) = await accounts.CreateTokenAsync(user, null, "page benchmark", [Complaints.Warehouse.Accounts.Roles.QualityManager], "benchmark");
        return secret;
    }

    /// <summary>
    /// Each chart page visited in new tabs. <c>Times</c>: each visit in a browser profile of its own, nothing cached (as a
    /// newcomer's first visit). <c>CachedTimes</c>: later visits in one profile whose cache holds the page's scripts, as a
    /// daily reader's browser does.
    /// </summary>
    private static async Task<List<(string Page, List<double> Times, List<double> CachedTimes)>> MeasureBrowserAsync(Options options, string token, bool warmPages, int visits)
    {
        var figures = new List<(string Page, List<double> Times, List<double> CachedTimes)>();
        if (!File.Exists(ChromiumPath))
        {
            Console.WriteLine($"  {ChromiumPath} is missing: no browser figures (bash tests/run.sh installs it)");
            return figures;
        }
        using var host = await Host.StartAsync(options, warmPages);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"],
        });
        // A page without figures first, so the host's start-up is not charged to a figure page.
        await using (var first = await NewProfileAsync(browser, token))
            await FirstChartAsync(first, host.Url + "ingest", waitForChart: false);
        foreach (var path in new[] { "/", "/products", "/sla", "/costs", "/feedback" }.Where(p => options.Pages.Contains(p == "/" ? "overview" : p.TrimStart('/'))))
        {
            var url = host.Url + path.TrimStart('/');
            var times = new List<double>();
            for (var visit = 0; visit < visits; visit++)
            {
                await using var fresh = await NewProfileAsync(browser, token);
                times.Add(await FirstChartAsync(fresh, url, waitForChart: true));
            }
            var cachedTimes = new List<double>();
            await using (var daily = await NewProfileAsync(browser, token))
            {
                await FirstChartAsync(daily, url, waitForChart: true); // fills its cache
                for (var visit = 1; visit < visits; visit++)
                    cachedTimes.Add(await FirstChartAsync(daily, url, waitForChart: true));
            }
            figures.Add((path, times, cachedTimes));
            Console.WriteLine($"  browser {path} (pages warmed: {warmPages}): first chart after {string.Join(", ", times.Select(t => t.ToString("N0")))} ms; " +
                              $"with the browser's cache: {string.Join(", ", cachedTimes.Select(t => t.ToString("N0")))} ms");
        }
        return figures;
    }

    private static async Task<IBrowserContext> NewProfileAsync(IBrowser browser, string token) =>
        await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });

    /// <summary>
    /// One visit in a new tab: milliseconds from the start of navigation to plotly's first drawn chart. Prints where the
    /// time went: the page's first byte, its scripts fetched, its first figure's data arriving in the stream, plotly.js
    /// running, the chart drawn.
    /// </summary>
    private static async Task<double> FirstChartAsync(IBrowserContext profile, string url, bool waitForChart)
    {
        var page = await profile.NewPageAsync();
        // Records when the first figure's data is in the page and when plotly first draws a chart, from the start of navigation,
        // and when plotly.js has run (it sets window.Plotly).
        await page.AddInitScriptAsync("""
            let plotly;
            Object.defineProperty(window, 'Plotly', { configurable: true, get: () => plotly, set: v => { plotly = v; window.__plotlyRan ??= performance.now(); } });
            new MutationObserver((_, observer) => {
                if (window.__firstFigure === undefined && document.querySelector('.plotly-figure[data-plotly]')) window.__firstFigure = performance.now();
                if (document.querySelector('.js-plotly-plot .main-svg')) { window.__firstChart = performance.now(); observer.disconnect(); }
            }).observe(document, { childList: true, subtree: true });
            """);
        await page.GotoAsync(url);
        var firstChart = 0.0;
        if (waitForChart)
        {
            await page.WaitForFunctionAsync("() => window.__firstChart !== undefined", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            var phases = await page.EvaluateAsync<double[]>("""
                () => {
                    const loaded = name => performance.getEntriesByType('resource').find(r => r.name.includes(name))?.responseEnd ?? -1;
                    return [performance.getEntriesByType('navigation')[0].responseStart, loaded('blazor.web'), loaded('plotly-basic'),
                            window.__firstFigure ?? -1, window.__plotlyRan ?? -1, window.__firstChart];
                }
                """);
            firstChart = phases[5];
            Console.WriteLine($"    {url}: first byte {phases[0]:N0} ms, blazor.web.js fetched {phases[1]:N0} ms, plotly.js fetched {phases[2]:N0} ms, " +
                              $"first figure's data {phases[3]:N0} ms, plotly.js ran {phases[4]:N0} ms, first chart {phases[5]:N0} ms");
        }
        await page.CloseAsync();
        return firstChart;
    }

    private static string PageKey(string page) => page switch
    {
        "SLA & handling" => "sla",
        _ => page.ToLowerInvariant(),
    };

    private static string ToMarkdown(Options options, long complaints, List<RollupFigure> rollups, List<QueryFigure> queries, List<BrowserFigure> browser)
    {
        var md = new StringBuilder();
        md.AppendLine("# Page benchmark").AppendLine();
        md.AppendLine($"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine($"- commit: {Machine.Commit()}");
        md.AppendLine($"- machine: {Machine.Describe()}");
        md.AppendLine($"- warehouse: {complaints:N0} demo complaints (loaded by the main benchmark)");
        md.AppendLine($"- load average at the end: {Machine.LoadAverage()}");
        md.AppendLine($"- command: `dotnet run -c Release --project tests/Complaints.Benchmarks -- pages --warehouse <file> --runs {options.Runs} --pages {string.Join(',', options.Pages)}{(options.SkipFacts ? " --skip-facts" : "")}`").AppendLine();
        foreach (var rollup in rollups)
        {
            md.AppendLine($"## {rollup.Name}").AppendLine().AppendLine(rollup.About).AppendLine();
            md.AppendLine(double.IsNaN(rollup.BuildSeconds)
                ? $"- already built: {rollup.Rows}"
                : $"- built whole in {rollup.BuildSeconds:N1} s (what an upgraded warehouse's first start costs): {rollup.Rows}");
            foreach (var line in rollup.Comparison)
                md.AppendLine($"- rollup against the facts, {line}");
            md.AppendLine();
        }
        md.AppendLine("## Server-side queries").AppendLine();
        md.AppendLine($"2 warm-up runs, then {options.Runs} timed runs each; milliseconds. \"whole page\" runs the page's queries as the page does (side by side).").AppendLine();
        md.AppendLine("| page: query | filter | p50 ms | p95 ms | max ms |").AppendLine("|---|---|---:|---:|---:|");
        foreach (var q in queries)
            md.AppendLine($"| {q.Query} | {q.Filter} | {q.Timings.P50:N1} | {q.Timings.P95:N1} | {q.Timings.Max:N1} |");
        md.AppendLine().AppendLine("## Time to first chart in the browser").AppendLine();
        md.AppendLine("Headless Chromium against the host (Production settings, loopback; the browser shares the two cores with the server), " +
                      $"a new tab per visit; from navigation start to plotly's first drawn chart, in milliseconds. The first visit computes the page's figures; " +
                      $"the {options.BrowserRuns} later visits find those that depend on the data alone in the figure cache (until the next warehouse write). " +
                      "Each visit but the last column's comes from a browser profile of its own, so its scripts (plotly.js is 1 MB) are fetched and compiled anew, as on a newcomer's first visit; " +
                      "the last column's visits come from one profile whose cache already holds them, as a daily reader's browser does.").AppendLine();
        md.AppendLine("The host is measured twice. Without page warming, the first visit to a page computes its figures (the host has just " +
                      "started: DuckDB's buffers and the page's code are cold too). With it (the default), the host has asked for every chart page once " +
                      "after starting, as it does after every load, before the first visit.").AppendLine();
        md.AppendLine("| page | first visit, no warming, ms | first visit after warming, ms | later visits p50 ms | p95 ms | max ms | later visits, scripts cached, p50 / p95 ms |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var b in browser)
            md.AppendLine($"| `{b.Page}` | {b.FirstVisit:N0} | {(double.IsNaN(b.WarmedFirstVisit) ? "not measured (some pages only)" : b.WarmedFirstVisit.ToString("N0"))} | " +
                          $"{b.LaterVisits.P50:N0} | {b.LaterVisits.P95:N0} | {b.LaterVisits.Max:N0} | {b.CachedVisits.P50:N0} / {b.CachedVisits.P95:N0} |");
        return md.ToString();
    }

    /// <summary>The dashboards host as a child process, built in Release, on a loopback port it picks itself.</summary>
    private sealed class Host : IDisposable
    {
        private readonly Process _process;

        private readonly string _inbox;

        private Host(Process process, string url, string inbox) => (_process, Url, _inbox) = (process, url, inbox);

        public string Url { get; }

        /// <param name="warmPages">Whether the host warms its chart pages (PageWarmer); if so, returns once it has.</param>
        public static async Task<Host> StartAsync(Options options, bool warmPages)
        {
            var project = Path.Combine(options.RepositoryRoot, "dashboards", "Complaints.Dashboards");
            var inbox = Directory.CreateTempSubdirectory("complaints-bench-inbox-").FullName;
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = project,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    "run", "-c", "Release", "--no-launch-profile", "--project", project, "--",
                    "--urls", "http://127.0.0.1:0", $"--Warehouse:Path={options.WarehousePath}", $"--Ingest:Root={inbox}", "--Demo:Enabled=false",
                    $"--Dashboards:WarmPages={warmPages}", "--Audit:AllowUnsigned=true", // a benchmark, not a deployment: no checkpoint key
                },
            };
            var process = Process.Start(start)!;
            var listening = new TaskCompletionSource<string>();
            var warmed = new TaskCompletionSource();
            process.OutputDataReceived += (_, line) =>
            {
                const string marker = "Now listening on: ";
                if (line.Data?.IndexOf(marker, StringComparison.Ordinal) is >= 0 and var at)
                    listening.TrySetResult(line.Data[(at + marker.Length)..].Trim() + "/");
                if (line.Data?.Contains("Warmed the chart pages", StringComparison.Ordinal) == true)
                    warmed.TrySetResult();
            };
            process.BeginOutputReadLine();
            var url = await listening.Task.WaitAsync(TimeSpan.FromMinutes(5));
            if (warmPages)
                await warmed.Task.WaitAsync(TimeSpan.FromMinutes(5));
            Console.WriteLine($"  host listening on {url}");
            return new Host(process, url, inbox);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _process.Dispose();
            Directory.Delete(_inbox, recursive: true);
        }
    }
}
