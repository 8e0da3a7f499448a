using Complaints.Ingest.Feeds;
using Complaints.Ingest.Inbox;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Complaints.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Ingest.Tests.Inbox;

public sealed class InboxProcessorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddMinutes(1));
    private TempWarehouse _warehouse = null!;
    private FeedFolders _folders = null!;
    private InboxProcessor _inbox = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync(_time);
        _folders = new FeedFolders(Path.Combine(_warehouse.Directory, "ingest"));
        var loader = _warehouse.Loader();
        _inbox = new InboxProcessor(_folders, loader, new ProfiledFileLoader(loader), new InboxProfiles(Options.Create(new IngestOptions()), _warehouse.Directory),
            _time, NullLogger<InboxProcessor>.Instance);
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private string Drop(FeedLayout feed, string name, string csv)
    {
        _folders.Create(feed);
        var path = Path.Combine(_folders.Inbox(feed), name);
        File.WriteAllText(path, csv);
        return path;
    }


    [Fact]
    public async Task A_dropped_file_is_loaded_and_moved_to_the_archive()
    {
        Drop(FeedLayouts.Complaints, "complaints-2024-02.csv", OverviewFixture.Csv(FeedLayouts.Complaints));

        var results = await _inbox.ProcessAsync(FeedLayouts.Complaints);

        var result = Assert.Single(results);
        Assert.Equal(LoadStatus.Loaded, result.Load.Status);
        Assert.Equal(8, _warehouse.Count("complaints"));
        Assert.Empty(Directory.GetFiles(_folders.Inbox(FeedLayouts.Complaints)));
        Assert.Equal(result.MovedTo, Assert.Single(Directory.GetFiles(_folders.Archive(FeedLayouts.Complaints))));
        Assert.EndsWith("complaints-2024-02.csv", result.MovedTo);
    }

    [Fact]
    public async Task A_rejected_file_moves_to_failed_with_an_error_report_beside_it()
    {
        Drop(FeedLayouts.Complaints, "bad.csv", OverviewFixture.Csv(FeedLayouts.Complaints).Replace("2024-02-05T08:00:00+01:00", "soon"));

        var result = Assert.Single(await _inbox.ProcessAsync(FeedLayouts.Complaints));

        Assert.Equal(LoadStatus.Rejected, result.Load.Status);
        Assert.Equal(0, _warehouse.Count("complaints"));
        Assert.StartsWith(_folders.Failed(FeedLayouts.Complaints), result.MovedTo);
        var report = File.ReadAllText(result.MovedTo + ".error.txt");
        Assert.Contains("line 6, field received_at: 'soon' is not a valid ISO 8601 timestamp", report);
    }

    [Fact]
    public async Task A_redelivered_file_is_recorded_and_archived_without_changing_anything()
    {
        Drop(FeedLayouts.Complaints, "complaints.csv", OverviewFixture.Csv(FeedLayouts.Complaints));
        await _inbox.ProcessAsync(FeedLayouts.Complaints);
        _time.Advance(TimeSpan.FromHours(1));
        Drop(FeedLayouts.Complaints, "complaints.csv", OverviewFixture.Csv(FeedLayouts.Complaints));

        var again = Assert.Single(await _inbox.ProcessAsync(FeedLayouts.Complaints));

        Assert.Equal(LoadStatus.Unchanged, again.Load.Status);
        Assert.Equal(8, _warehouse.Count("complaints"));
        Assert.Equal(2, Directory.GetFiles(_folders.Archive(FeedLayouts.Complaints)).Length);
    }

    [Fact]
    public async Task A_file_still_being_written_waits_for_the_next_run()
    {
        var path = Drop(FeedLayouts.Complaints, "arriving.csv", OverviewFixture.Csv(FeedLayouts.Complaints));
        File.SetLastWriteTimeUtc(path, _time.GetUtcNow().UtcDateTime.AddSeconds(-1)); // written a second ago

        Assert.Empty(await _inbox.ProcessAsync(FeedLayouts.Complaints));
        Assert.True(File.Exists(path));

        _time.Advance(InboxProcessor.SettleTime);
        Assert.Single(await _inbox.ProcessAsync(FeedLayouts.Complaints));
    }

    private InboxProcessor InboxWithProfiles(params (string Feed, string Profile)[] profiles)
    {
        var options = new IngestOptions();
        foreach (var (feed, profile) in profiles)
            options.Profiles[feed] = profile;
        var loader = _warehouse.Loader();
        return new InboxProcessor(_folders, loader, new ProfiledFileLoader(loader), new InboxProfiles(Options.Create(options), _warehouse.Directory),
            _time, NullLogger<InboxProcessor>.Instance);
    }

    [Fact]
    public async Task A_feed_with_a_profile_loads_its_inbox_files_through_it()
    {
        var inbox = InboxWithProfiles(("complaints", "polish-ticket-system"));
        _folders.Create(FeedLayouts.Complaints);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Profiles", "Samples", "polish-tickets.csv"), Path.Combine(_folders.Inbox(FeedLayouts.Complaints), "eksport.csv"));
        Drop(FeedLayouts.Complaints, "canonical.csv", OverviewFixture.Csv(FeedLayouts.Complaints)); // not in the profile's layout

        var results = await inbox.ProcessAsync(FeedLayouts.Complaints);

        Assert.Equal([("canonical.csv", LoadStatus.Rejected), ("eksport.csv", LoadStatus.Loaded)], results.Select(r => (r.FileName, r.Load.Status)));
        Assert.Equal(3, _warehouse.Count("complaints"));
        Assert.Contains("does not fit profile polish-ticket-system: missing column(s) 'Nr reklamacji'", File.ReadAllText(results[0].MovedTo + ".error.txt"));
        Assert.Contains("Nr reklamacji", results[0].Load.Missing!);
        Assert.StartsWith(_folders.Failed(FeedLayouts.Complaints), results[0].MovedTo);
    }

    [Theory]
    [InlineData("complaints", "no-such-profile", "Ingest:Profiles:complaints: 'no-such-profile' is neither a shipped profile")]
    [InlineData("complaints", "polish-erp-costs", "Ingest:Profiles:complaints: profile 'polish-erp-costs' maps to the costs feed, not complaints.")]
    [InlineData("complains", "polish-ticket-system", "Ingest:Profiles:complains names no feed")]
    public void A_profile_setting_that_cannot_be_used_fails_at_start_naming_its_path(string feed, string profile, string message)
    {
        var options = new IngestOptions { Profiles = { [feed] = profile } };

        var result = new InboxProfilesValidation(_warehouse.Directory).Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(message, result.FailureMessage);
    }
}
