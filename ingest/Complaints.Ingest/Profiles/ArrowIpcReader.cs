using Apache.Arrow;
using Apache.Arrow.Ipc;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

/// <summary>Arrow IPC, file or stream format, read with Apache.Arrow batch by batch; a record's "line" is its row number.</summary>
public sealed class ArrowIpcReader : ISourceReader
{
    private readonly string _path;

    private ArrowIpcReader(string path, IReadOnlyCollection<string> columns) => (_path, Columns) = (path, columns);

    public IReadOnlyCollection<string> Columns { get; }

    public static ArrowIpcReader Open(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = CreateReader(stream);
            var batch = reader.ReadNextRecordBatch();
            var schema = batch?.Schema ?? reader.Schema;
            return new ArrowIpcReader(path, schema.FieldsList.Select(f => f.Name).ToList());
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new FileRejectedException($"{Path.GetFileName(path)}: not a readable Arrow IPC file ({e.Message.Split('\n')[0]}).");
        }
    }

    public IEnumerable<SourceRecord> Records()
    {
        using var stream = File.OpenRead(_path);
        using var reader = CreateReader(stream);
        long row = 0;
        RecordBatch? batch;
        while ((batch = reader.ReadNextRecordBatch()) is not null)
        {
            using (batch)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    var values = new Dictionary<string, string>(batch.ColumnCount, StringComparer.Ordinal);
                    for (var c = 0; c < batch.ColumnCount; c++)
                        values.TryAdd(batch.Schema.GetFieldByIndex(c).Name, SourceValues.Text(ValueAt(batch.Column(c), i)));
                    yield return new SourceRecord(++row, values);
                }
            }
        }
    }

    /// <summary>The file format starts with "ARROW1"; anything else is taken as the stream format.</summary>
    private static ArrowStreamReader CreateReader(Stream stream)
    {
        var magic = new byte[6];
        var isFile = stream.Read(magic) == 6 && magic.AsSpan().SequenceEqual("ARROW1"u8);
        stream.Position = 0;
        return isFile ? new ArrowFileReader(stream) : new ArrowStreamReader(stream);
    }

    private static object? ValueAt(IArrowArray array, int index) => array.IsNull(index) ? null : array switch
    {
        StringArray a => a.GetString(index),
        LargeStringArray a => a.GetString(index),
        BooleanArray a => a.GetValue(index),
        Int8Array a => a.GetValue(index),
        Int16Array a => a.GetValue(index),
        Int32Array a => a.GetValue(index),
        Int64Array a => a.GetValue(index),
        UInt8Array a => a.GetValue(index),
        UInt16Array a => a.GetValue(index),
        UInt32Array a => a.GetValue(index),
        UInt64Array a => a.GetValue(index),
        FloatArray a => a.GetValue(index),
        DoubleArray a => a.GetValue(index),
        Decimal128Array a => a.GetValue(index),
        Date32Array a => a.GetDateOnly(index),
        Date64Array a => a.GetDateOnly(index),
        TimestampArray a => ((Apache.Arrow.Types.TimestampType)a.Data.DataType).Timezone is null
            ? a.GetTimestamp(index)!.Value.DateTime
            : a.GetTimestamp(index),
        _ => throw new FileRejectedException($"column type {array.Data.DataType.Name} is not supported; convert it to text"),
    };
}
