namespace Complaints.Demo;

public enum DemoDataState { NotRequested, Generating, Loading, Loaded, Failed }

/// <summary>Where the start-up demo load stands, for pages to show while it runs.</summary>
public sealed class DemoDataStatus
{
    private volatile Snapshot _current = new(DemoDataState.NotRequested, 0, 0, null);

    public sealed record Snapshot(DemoDataState State, long Done, long Total, string? Message)
    {
        public bool InProgress => State is DemoDataState.Generating or DemoDataState.Loading;
    }

    public Snapshot Current => _current;

    internal void Set(DemoDataState state, long done, long total, string? message = null) => _current = new Snapshot(state, done, total, message);
}
