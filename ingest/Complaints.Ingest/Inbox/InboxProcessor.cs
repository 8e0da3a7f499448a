using System.Globalization;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Microsoft.Extensions.Logging;

namespace Complaints.Ingest.Inbox;

public sealed record InboxFileResult(string FileName, string MovedTo, LoadResult Load);

/// <summary>
/// Loads every settled file in a feed's inbox, one at a time, oldest name first. A file moves out of the inbox only
/// after its load committed: if the process dies before the move, the next run finds the same content already loaded
/// and records it as an unchanged re-delivery, so nothing is loaded twice or lost. A feed with a profile in
/// <c>Ingest:Profiles</c> loads its files through that profile.
/// </summary>
public sealed class InboxProcessor(FeedFolders folders, CanonicalFileLoader loader, ProfiledFileLoader profiledLoader, InboxProfiles profiles,
    TimeProvider time, ILogger<InboxProcessor> logger)
{
    /// <summary>A file written to within this time may still be being copied in; it waits for the next run.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyList<InboxFileResult>> ProcessAsync(FeedLayout feed, CancellationToken cancellationToken = default)
    {
        folders.Create(feed);
        var now = time.GetUtcNow();
        var files = new DirectoryInfo(folders.Inbox(feed)).EnumerateFiles()
            .Where(f => !f.Name.StartsWith('.') && f.Extension is not (".partial" or ".tmp"))
            .Where(f => now - f.LastWriteTimeUtc >= SettleTime)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

        var results = new List<InboxFileResult>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = file.Name; // MoveTo renames the FileInfo
            var result = profiles.For(feed) is { } profile
                ? await profiledLoader.LoadAsync(file.FullName, profile, cancellationToken)
                : await loader.LoadAsync(file.FullName, feed, cancellationToken: cancellationToken);
            var target = result.Status == LoadStatus.Rejected ? folders.Failed(feed) : folders.Archive(feed);
            // The run id and time keep names unique when a source sends the same file name every day.
            var movedTo = Path.Combine(target, $"{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-run{result.RunId}-{file.Name}");
            file.MoveTo(movedTo);
            if (result.Status == LoadStatus.Rejected)
                await File.WriteAllTextAsync(movedTo + ".error.txt", $"{result.Error}\n\nRun {result.RunId}. Fix the file and drop it into {folders.Inbox(feed)} again.\n", cancellationToken);
            logger.LogInformation("{Feed} inbox: {File} {Status}, moved to {Target}", feed.Name, name, result.Status, movedTo);
            results.Add(new InboxFileResult(name, movedTo, result));
        }
        return results;
    }
}
