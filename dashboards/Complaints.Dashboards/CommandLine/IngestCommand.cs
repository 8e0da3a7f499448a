using System.Diagnostics;
using Complaints.Ingest;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Complaints.Warehouse;
using Microsoft.Extensions.Options;

namespace Complaints.Dashboards.CommandLine;

/// <summary>
/// <c>ingest &lt;file&gt; --feed &lt;name&gt; [--profile &lt;mapping.json&gt;] [--warehouse &lt;path&gt;]</c>: loads one file through the same
/// load path as the platform; <c>ingest --folder &lt;folder&gt;</c> loads a folder of canonical files named after their feeds.
/// </summary>
public static class IngestCommand
{
    public const int Loaded = 0, Rejected = 1, Usage = 2, WarehouseInUse = 3;

    public static readonly string UsageText = $"""
        Usage: ingest <file> --feed <feed> [--profile <mapping.json>] [--warehouse <path>]
               ingest --folder <folder> [--warehouse <path>]
          <file>       a canonical CSV file (docs/feeds.md), or any file a mapping profile reads
          --feed       one of: {string.Join(", ", FeedLayouts.All.Select(f => f.Name))}
          --profile    a mapping profile (docs/profiles.md): a JSON file, or the name of a shipped one such as cfpb-complaints
          --folder     a folder of canonical files named after their feeds (complaints.csv, status_events.csv, …, as
                       `demo generate` writes them), loaded in the feeds' order; into an empty warehouse as one first load,
                       whose SLA measures and page rollups are built once, after the last file
          --warehouse  the DuckDB file; by default the one the platform uses (Warehouse:Path)
        Exit codes: 0 loaded (or already loaded), 1 rejected, 2 usage, 3 warehouse in use by the running platform.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Contains("--folder"))
            return await RunFolderAsync(args, output);
        if (!TryParse(args, out var file, out var feed, out var warehousePath, out var profile, out var problem))
        {
            output.WriteLine(problem);
            output.WriteLine(UsageText);
            return Usage;
        }

        using var host = CommandHost.Build(warehousePath, b => b.AddIngestCore());
        var warehouse = host.Services.GetRequiredService<WarehouseDatabase>();
        if (!await InitializeAsync(host, warehouse, feed!, file!, output))
            return WarehouseInUse;

        output.WriteLine($"Loading {file} into {warehouse.Path} as {feed!.Name}");
        var watch = Stopwatch.StartNew();
        var steps = new StepPrinter(output, watch);
        var result = profile is null
            ? await host.Services.GetRequiredService<CanonicalFileLoader>().LoadAsync(file!, feed, steps: steps)
            : await host.Services.GetRequiredService<ProfiledFileLoader>().LoadAsync(file!, profile, steps: steps);
        steps.Finish();
        if (CommandAnchor.AfterWrites(host) is { } anchored)
            output.WriteLine(anchored);
        output.WriteLine(Outcome(result, watch));
        return result.Status == LoadStatus.Rejected ? Rejected : Loaded;
    }

    /// <summary>
    /// Loads every canonical file of a folder named after its feed, in the feeds' order, as one first load when the warehouse
    /// is empty (the SLA measures and rollups are built once, after the last file). Stops at the first rejected file:
    /// running the command again after fixing it finds the files before it already loaded.
    /// </summary>
    private static async Task<int> RunFolderAsync(string[] args, TextWriter output)
    {
        var folder = args.SkipWhile(a => a != "--folder").Skip(1).FirstOrDefault();
        var warehouseAt = args.SkipWhile(a => a != "--warehouse").Skip(1).FirstOrDefault();
        var known = new HashSet<string>(["--folder", "--warehouse", folder ?? "", warehouseAt ?? ""], StringComparer.Ordinal);
        string? problem = folder is null ? "Name the folder after --folder."
            : args.FirstOrDefault(a => !known.Contains(a)) is { } extra ? $"With --folder, '{extra}' is not understood (the files' names say their feeds)."
            : !Directory.Exists(CommandLine.UserPath(folder)) ? $"{CommandLine.UserPath(folder)} is not a folder."
            : null;
        var files = problem is null
            ? FeedLayouts.All.Select(f => (Feed: f, Path: Path.Combine(CommandLine.UserPath(folder!), f.Name + ".csv"))).Where(f => File.Exists(f.Path)).ToList()
            : [];
        if (problem is null && files.Count == 0)
            problem = $"{CommandLine.UserPath(folder!)} holds no file named after a feed ({string.Join(", ", FeedLayouts.All.Select(f => f.Name + ".csv"))}).";
        if (problem is not null)
        {
            output.WriteLine(problem);
            output.WriteLine(UsageText);
            return Usage;
        }

        using var host = CommandHost.Build(warehouseAt is null ? null : CommandLine.UserPath(warehouseAt), b => b.AddIngestCore());
        var warehouse = host.Services.GetRequiredService<WarehouseDatabase>();
        if (!await InitializeAsync(host, warehouse, files[0].Feed, files[0].Path, output))
            return WarehouseInUse;
        var loader = host.Services.GetRequiredService<CanonicalFileLoader>();
        var watch = Stopwatch.StartNew();
        var code = Loaded;
        var built = await warehouse.FirstLoadAsync(async () =>
        {
            foreach (var (feed, path) in files)
            {
                output.WriteLine($"Loading {path} into {warehouse.Path} as {feed.Name}");
                var steps = new StepPrinter(output, watch);
                var result = await loader.LoadAsync(path, feed, steps: steps);
                steps.Finish();
                output.WriteLine(Outcome(result, watch));
                if (result.Status == LoadStatus.Rejected)
                {
                    output.WriteLine("Stopped: fix the file and run the command again; the files before it are found already loaded.");
                    code = Rejected;
                    return;
                }
            }
        });
        foreach (var (part, took) in built)
            output.WriteLine($"  built once after the last file: {part} ({took.TotalSeconds:N1} s)");
        if (CommandAnchor.AfterWrites(host) is { } anchored)
            output.WriteLine(anchored);
        output.WriteLine($"Done in {watch.Elapsed.TotalSeconds:N1} s.");
        return code;
    }

    /// <summary>Opens the warehouse; when the running platform holds it, says how to load the file through the platform instead.</summary>
    private static async Task<bool> InitializeAsync(IHost host, WarehouseDatabase warehouse, FeedLayout feed, string file, TextWriter output)
    {
        try
        {
            await warehouse.InitializeAsync(TimeProvider.System);
            return true;
        }
        catch (WarehouseLockedException e)
        {
            var keyHint = $"<the {feed.Name} feed's key, Ingest:ApiKeys:{feed.Name}>";
            output.WriteLine($"""
                The warehouse {e.WarehousePath} is in use: the platform is running and holds it (DuckDB allows one writer process).
                Load the file through the running platform instead:
                  curl -H "X-Api-Key: {keyHint}" --data-binary @{Path.GetFileName(file)} "http://localhost:5238/api/ingest/{feed.Name}?fileName={Path.GetFileName(file)}"
                or drop it into the feed's inbox folder ({host.Services.GetRequiredService<Complaints.Ingest.Inbox.FeedFolders>().Inbox(feed)}).
                """);
            return false;
        }
    }

    private static string Outcome(LoadResult result, Stopwatch watch) => result.Status switch
    {
        LoadStatus.Loaded => $"Loaded run {result.RunId}: {result.RowsRead:N0} rows read, {result.RowsInserted:N0} new, {result.RowsUpdated:N0} updated, {result.RowsUnchanged:N0} unchanged, {result.RowsQuarantined:N0} set aside in quarantine ({watch.Elapsed.TotalSeconds:N1} s)." +
            string.Concat((result.FirstProblems ?? []).Select(p => $"\n  line {p.Line}, field {p.Column}: {p.Reason}")),
        LoadStatus.Unchanged => $"Already loaded: this exact file was loaded before; nothing changed (recorded as run {result.RunId}).",
        _ => $"Rejected (run {result.RunId}), nothing stored: {result.Error}",
    };

    private static bool TryParse(string[] args, out string? file, out FeedLayout? feed, out string? warehouse, out MappingProfile? profile, out string? problem)
    {
        file = null; feed = null; warehouse = null; problem = null; profile = null;
        string? feedName = null, profileName = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--feed" when i + 1 < args.Length: feedName = args[++i]; break;
                case "--warehouse" when i + 1 < args.Length: warehouse = CommandLine.UserPath(args[++i]); break;
                case "--profile" when i + 1 < args.Length: profileName = args[++i]; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): problem = $"Unknown or incomplete option {a}."; return false;
                case var a when file is null: file = CommandLine.UserPath(a); break;
                default: problem = $"Only one file per command; '{args[i]}' is a second one."; return false;
            }
        }
        if (file is null) problem = "Name the file to load.";
        else if (!File.Exists(file)) problem = $"{file} does not exist.";
        else if (feedName is null) problem = "Name the feed with --feed.";
        else if ((feed = FeedLayouts.Find(feedName)) is null) problem = $"There is no feed '{feedName}'.";
        else if (profileName is not null)
            profile = ReadProfile(profileName, feed, out problem);
        return problem is null;
    }

    /// <summary>A profile by path (from where the user ran the command) or by a shipped profile's name; it must map to the named feed.</summary>
    private static MappingProfile? ReadProfile(string name, FeedLayout feed, out string? problem)
    {
        problem = null;
        var path = File.Exists(CommandLine.UserPath(name)) ? CommandLine.UserPath(name) : ProfiledFileLoader.FindShipped(name);
        if (path is null)
        {
            IEnumerable<string?> shipped = Directory.Exists(ProfiledFileLoader.ShippedFolder)
                ? Directory.EnumerateFiles(ProfiledFileLoader.ShippedFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)
                : [];
            problem = $"There is no profile file {CommandLine.UserPath(name)} and no shipped profile '{name}' (shipped: {string.Join(", ", shipped)}).";
            return null;
        }
        try
        {
            var profile = MappingProfile.Read(path);
            if (profile.Layout != feed)
                problem = $"Profile {profile.Name} maps to the {profile.Layout.Name} feed, not {feed.Name}.";
            return profile;
        }
        catch (FileRejectedException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>Prints each load step as it starts, with the time so far: a progress display for a load that has no row count to show.</summary>
    private sealed class StepPrinter(TextWriter output, Stopwatch watch) : IProgress<int>
    {
        public void Report(int step) =>
            output.WriteLine($"  [{step + 1}/{CanonicalFileLoader.Steps.Count}] {CanonicalFileLoader.Steps[step]}… ({watch.Elapsed.TotalSeconds:N1} s)");

        public void Finish() => output.WriteLine($"  done ({watch.Elapsed.TotalSeconds:N1} s)");
    }
}
