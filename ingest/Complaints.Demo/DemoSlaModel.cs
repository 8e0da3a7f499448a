namespace Complaints.Demo;

/// <summary>
/// The planted breach model: whether a complaint is answered more than 14 days after receipt is drawn from a
/// logistic model of its product line, channel, customer segment and the backlog it arrived into. The
/// coefficients go to ground_truth.json unchanged, so a trained model can be compared with them.
/// </summary>
internal static class DemoSlaModel
{
    public const int DeadlineDays = 14;

    public const double Intercept = -3.0;

    /// <summary>Added to the log-odds per <see cref="BacklogUnit"/> open complaints at receipt.</summary>
    public const double PerBacklogUnit = 0.9;

    /// <summary>Log-odds by product line; Home appliances is the reference.</summary>
    public static readonly IReadOnlyDictionary<string, double> ProductLine = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [DemoCatalog.HomeAppliances.Name] = 0.0,
        [DemoCatalog.Electronics.Name] = 0.35,
        [DemoCatalog.Furniture.Name] = 0.9,
        [DemoCatalog.Garden.Name] = -0.4,
        [DemoCatalog.Sports.Name] = -0.6,
    };

    /// <summary>Log-odds by channel; e-mail is the reference. Letters wait in the post room, marketplace cases for the platform.</summary>
    public static readonly IReadOnlyDictionary<string, double> Channel = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [DemoCodes.Channel.Email] = 0.0,
        [DemoCodes.Channel.WebForm] = 0.1,
        [DemoCodes.Channel.Phone] = -0.5,
        [DemoCodes.Channel.Chat] = -0.3,
        [DemoCodes.Channel.Sms] = 0.2,
        [DemoCodes.Channel.Letter] = 0.9,
        [DemoCodes.Channel.Marketplace] = 0.5,
    };

    /// <summary>Log-odds by customer segment; standard is the reference.</summary>
    public static readonly IReadOnlyDictionary<string, double> Segment = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [DemoCodes.Segment.Standard] = 0.0,
        [DemoCodes.Segment.Business] = -0.5,
        [DemoCodes.Segment.Vip] = -1.4,
    };

    /// <summary>
    /// Open complaints that make one backlog unit: about the number open on an ordinary day, so the model reads
    /// the same at every data size (a thousand complaints or ten million).
    /// </summary>
    public static int BacklogUnit(int complaints, int dayCount) =>
        Math.Max(1, (int)Math.Round(complaints * 10.0 / dayCount, MidpointRounding.AwayFromZero));

    public static double LogOdds(string productLine, string channel, string segment, int openAtReceipt, int backlogUnit) =>
        Intercept + ProductLine[productLine] + Channel[channel] + Segment[segment] + PerBacklogUnit * openAtReceipt / backlogUnit;

    public static double Probability(string productLine, string channel, string segment, int openAtReceipt, int backlogUnit) =>
        DemoRandom.Logistic(LogOdds(productLine, channel, segment, openAtReceipt, backlogUnit));
}

/// <summary>
/// Complaints received so far and not yet answered, as of each new receipt. Holds one entry per open complaint
/// (about a week's worth of complaints), however many are generated.
/// </summary>
internal sealed class DemoBacklog
{
    private readonly PriorityQueue<long, long> _answers = new();

    /// <summary>Drops the complaints answered by <paramref name="receivedAt"/> and returns how many remain open.</summary>
    public int OpenAt(DateTime receivedAt)
    {
        var ticks = receivedAt.Ticks;
        while (_answers.TryPeek(out _, out var answered) && answered <= ticks)
            _answers.Dequeue();
        return _answers.Count;
    }

    /// <summary>
    /// Records when a complaint is (or will be) answered. Truncated to the second, as the file shows it, so the
    /// backlog recomputed from the files matches the one the model used exactly.
    /// </summary>
    public void Add(DateTime answeredAt)
    {
        var ticks = answeredAt.Ticks - answeredAt.Ticks % TimeSpan.TicksPerSecond;
        _answers.Enqueue(ticks, ticks);
    }
}
