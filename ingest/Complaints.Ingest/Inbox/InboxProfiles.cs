using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Microsoft.Extensions.Options;

namespace Complaints.Ingest.Inbox;

/// <summary>
/// The mapping profile each feed's inbox loads its files through (<c>Ingest:Profiles:{feed}</c>: a shipped profile's name,
/// or a path, relative to the content root). A feed without one takes canonical files. Read once, at start.
/// </summary>
public sealed class InboxProfiles(IOptions<IngestOptions> options, string contentRoot)
{
    private readonly Lazy<Dictionary<string, MappingProfile>> _byFeed = new(() => options.Value.Profiles.ToDictionary(
        p => FeedLayouts.Find(p.Key)!.Name,
        p => Read(p.Key, p.Value, contentRoot, out var problem) ?? throw new OptionsValidationException(IngestOptions.Section, typeof(IngestOptions), [problem!])));

    public MappingProfile? For(FeedLayout feed) => _byFeed.Value.GetValueOrDefault(feed.Name);

    /// <summary>The profile a setting names, or null with the problem, which names the setting's path.</summary>
    public static MappingProfile? Read(string feedName, string nameOrPath, string contentRoot, out string? problem)
    {
        problem = null;
        var setting = $"{IngestOptions.Section}:Profiles:{feedName}";
        if (FeedLayouts.Find(feedName) is not { } feed)
        {
            problem = $"{setting} names no feed; feeds are {string.Join(", ", FeedLayouts.All.Select(f => f.Name))}.";
            return null;
        }
        var path = ProfiledFileLoader.FindShipped(nameOrPath) ?? Path.GetFullPath(nameOrPath, contentRoot);
        if (!File.Exists(path))
        {
            problem = $"{setting}: '{nameOrPath}' is neither a shipped profile ({string.Join(", ", ShippedNames())}) nor a profile file ({path}).";
            return null;
        }
        try
        {
            var profile = MappingProfile.Read(path);
            if (profile.Layout == feed)
                return profile;
            problem = $"{setting}: profile '{nameOrPath}' maps to the {profile.Layout.Name} feed, not {feed.Name}.";
        }
        catch (FileRejectedException e)
        {
            problem = $"{setting}: {e.Message}";
        }
        return null;
    }

    private static IEnumerable<string> ShippedNames() => Directory.Exists(ProfiledFileLoader.ShippedFolder)
        ? Directory.EnumerateFiles(ProfiledFileLoader.ShippedFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!
        : [];
}

/// <summary>Checks every <c>Ingest:Profiles</c> entry at start, so a missing or unfit profile stops the host with the setting's path.</summary>
public sealed class InboxProfilesValidation(string contentRoot) : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var problems = new List<string>();
        foreach (var (feed, profile) in options.Profiles)
            if (InboxProfiles.Read(feed, profile, contentRoot, out var problem) is null)
                problems.Add(problem!);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
