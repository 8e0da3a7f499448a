using System.Data;
using DuckDB.NET.Data;

namespace Complaints.Warehouse.Sla;

/// <summary>
/// One key range of the complaints being measured: their rows and every status change of theirs, both in key order.
/// The changes are kept as one flat list of values (no object per change), so holding a batch of a million changes while
/// another thread measures it gives the garbage collector nothing to trace.
/// </summary>
internal sealed class MeasuringBatch
{
    private readonly List<StatusChange> _changes;
    private readonly List<string> _statuses;

    private MeasuringBatch(List<SlaInput> complaints, List<StatusChange> changes, List<string> statuses)
    {
        Complaints = complaints;
        _changes = changes;
        _statuses = statuses;
    }

    /// <summary>The batch's complaints, by ascending key.</summary>
    public List<SlaInput> Complaints { get; }

    /// <summary>Reads the complaints of <c>sla_touched</c> with keys in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static MeasuringBatch Read(DuckDBConnection connection, long from, long to, IReadOnlySet<string> endingStatuses)
    {
        var (changes, statuses) = ReadStatusChanges(connection, from, to);
        var complaints = new List<SlaInput>();
        using var command = connection.Command("""
            SELECT c.complaint_key, c.received_at, c.first_response_at, c.resolved_at, c.answered_at,
                   cu.segment, c.priority, p.product_line, c.product_sku, c.channel, c.complaint_type, c.status
            FROM complaints c
            JOIN sla_touched t ON t.complaint_key = c.complaint_key
            LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
            LEFT JOIN products p ON p.sku = c.product_sku
            WHERE c.complaint_key >= $from AND c.complaint_key < $to
            ORDER BY c.complaint_key
            """, ("from", from), ("to", to));
        // The attributes are a few codes repeated over the batch: one string each, not seven strings per complaint
        // kept alive until the batch is measured.
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Code(IDataRecord record, int ordinal) =>
            record.NullableString(ordinal) is not { } text ? null : codes.TryGetValue(text, out var code) ? code : codes[text] = text;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            complaints.Add(new SlaInput(reader.GetInt64(0), reader.GetInstant(1), Instant(reader, 2), Instant(reader, 3), Instant(reader, 4),
                new ComplaintAttributes(Code(reader, 5), Code(reader, 6), Code(reader, 7), Code(reader, 8), Code(reader, 9), Code(reader, 10)),
                Ended: endingStatuses.Contains(reader.GetString(11))));
        return new MeasuringBatch(complaints, changes, statuses);
    }

    /// <summary>
    /// The status changes of the complaint with <paramref name="complaintKey"/>, in time order. Asked for complaints in
    /// ascending key order, <paramref name="cursor"/> (start at 0) walks the changes once for the whole batch.
    /// </summary>
    public (DateTimeOffset OccurredAt, string ToStatus)[] ChangesOf(long complaintKey, ref int cursor)
    {
        while (cursor < _changes.Count && _changes[cursor].ComplaintKey < complaintKey)
            cursor++;
        var start = cursor;
        while (cursor < _changes.Count && _changes[cursor].ComplaintKey == complaintKey)
            cursor++;
        var changes = new (DateTimeOffset, string)[cursor - start];
        for (var i = start; i < cursor; i++)
            changes[i - start] = (DateTimeOffset.UnixEpoch.AddTicks(_changes[i].Microseconds * 10), _statuses[_changes[i].Status]);
        return changes;
    }

    /// <summary>
    /// Every status interval of the batch: a complaint's status and the seconds until its next change (the last change of a
    /// complaint opens no interval). Seconds are computed as DuckDB's <c>epoch()</c> difference, microseconds divided as
    /// doubles, so they equal to the last bit what migration 0007's SQL gives.
    /// </summary>
    public IEnumerable<(long ComplaintKey, string Status, double Seconds)> Intervals()
    {
        for (var i = 0; i + 1 < _changes.Count; i++)
        {
            var (change, next) = (_changes[i], _changes[i + 1]);
            if (next.ComplaintKey == change.ComplaintKey)
                yield return (change.ComplaintKey, _statuses[change.Status], next.Microseconds / 1_000_000d - change.Microseconds / 1_000_000d);
        }
    }

    // Same-instant changes are put in status order, so a complaint's intervals do not depend on the order rows were stored.
    private static (List<StatusChange> Changes, List<string> Statuses) ReadStatusChanges(DuckDBConnection connection, long from, long to)
    {
        var changes = new List<StatusChange>();
        var statuses = new List<string>();
        var statusNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        using var command = connection.Command("""
            SELECT e.complaint_key, epoch_us(e.occurred_at), e.to_status
            FROM status_events e JOIN sla_touched t ON t.complaint_key = e.complaint_key
            WHERE e.complaint_key >= $from AND e.complaint_key < $to
            ORDER BY e.complaint_key, e.occurred_at, e.to_status
            """, ("from", from), ("to", to));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var status = reader.GetString(2);
            if (!statusNumbers.TryGetValue(status, out var number))
            {
                statusNumbers[status] = number = statuses.Count;
                statuses.Add(status);
            }
            changes.Add(new StatusChange(reader.GetInt64(0), reader.GetInt64(1), number));
        }
        return (changes, statuses);
    }

    private static DateTimeOffset? Instant(IDataRecord record, int ordinal) => record.IsDBNull(ordinal) ? null : record.GetInstant(ordinal);

    private readonly record struct StatusChange(long ComplaintKey, long Microseconds, int Status);
}
