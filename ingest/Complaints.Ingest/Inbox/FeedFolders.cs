using Complaints.Ingest.Feeds;

namespace Complaints.Ingest.Inbox;

/// <summary>Each feed's folders under Ingest:Root: files are dropped in inbox/, loaded ones move to archive/, rejected ones to failed/.</summary>
public sealed class FeedFolders(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Inbox(FeedLayout feed) => Path.Combine(Root, feed.Name, "inbox");
    public string Archive(FeedLayout feed) => Path.Combine(Root, feed.Name, "archive");
    public string Failed(FeedLayout feed) => Path.Combine(Root, feed.Name, "failed");

    public void Create(FeedLayout feed)
    {
        Directory.CreateDirectory(Inbox(feed));
        Directory.CreateDirectory(Archive(feed));
        Directory.CreateDirectory(Failed(feed));
    }
}
