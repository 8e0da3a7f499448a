using System.Diagnostics;
using System.Globalization;
using Complaints.Reports.AuditReports;
using Complaints.Warehouse;
using Complaints.Warehouse.AuditReports;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Benchmarks;

/// <summary>
/// <c>audit-report-profile</c>: where the register workbook's time goes, per sheet, over the warehouse
/// <c>audit-report</c> kept (run that first): the count, the fill (each sheet's query run once into a temporary table),
/// the digest pass over the filled rows, each sheet's query alone (every row read, no cell touched) and reading each cell
/// as the workbook does, and the whole workbook written to nowhere from the filled rows. <c>--experiments</c> compares
/// the per-row forms the content digest could hash.
/// </summary>
public static class AuditReportProfile
{
    public static async Task<int> RunAsync(string[] args)
    {
        var work = Path.Combine(Path.GetTempPath(), "complaints-bench-audit-report");
        var warehousePath = Path.Combine(work, "audit-report.duckdb");
        if (!File.Exists(warehousePath))
        {
            Console.WriteLine($"No warehouse at {warehousePath}: run audit-report first.");
            return 2;
        }
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero));
        using var warehouse = Complaints.Testing.TempWarehouse.Open(warehousePath, time);
        await warehouse.InitializeAsync(time);
        var queries = new AuditReportQueries(Options.Create(new ReportingOptions()));
        var scope = AuditReportScope.Of(new ComplaintFilter(From: new DateOnly(2000, 1, 1), To: new DateOnly(2026, 6, 30)), time.GetUtcNow(), out _)!;
        using var connection = warehouse.OpenConnection();

        var watch = Stopwatch.StartNew();
        if (args.Contains("--counts"))
        {
            for (var round = 0; round < 3; round++)
            {
                watch.Restart();
                var c0 = Cpu();
                var counting = new AuditReportRows(connection, queries, scope);
                foreach (var sheet in Enum.GetValues<AuditSheet>())
                {
                    var (w0, c1) = (watch.Elapsed.TotalSeconds, Cpu());
                    var counted = counting.Count(sheet);
                    Console.WriteLine($"round {round}: count {sheet,-12} {watch.Elapsed.TotalSeconds - w0,6:N3} s wall {Cpu() - c1,6:N3} s cpu ({counted:N0} rows)");
                }
                Console.WriteLine($"round {round}: count, all sheets {watch.Elapsed.TotalSeconds,6:N3} s wall {Cpu() - c0,6:N3} s cpu");
            }
            return 0;
        }
        if (Array.IndexOf(args, "--sql") is var sqlAt and >= 0)
        {
            for (var round = 0; round < 2; round++)
            {
                using var command = queries.Command(connection, AuditSheet.Register, scope);
                command.CommandText = args[sqlAt + 1];
                watch.Restart();
                var c0 = Cpu();
                var value = command.ExecuteScalar();
                Console.WriteLine($"{value} {watch.Elapsed.TotalSeconds,6:N3} s wall {Cpu() - c0,6:N3} s cpu");
            }
            return 0;
        }
        if (args.Contains("--experiments"))
        {
            foreach (var sheet in new[] { AuditSheet.Register, AuditSheet.Statutory, AuditSheet.Lineage })
            {
                // The canonical text as CanonicalRows builds it (as VARCHAR, or as the BLOB the digest pass reads).
                string Canonical(string rows)
                {
                    using var probe = queries.Command(connection, sheet, scope);
                    var projection = CanonicalRows.Of(probe, rows).Projection;
                    return projection["encode(".Length..^1];
                }
                foreach (var (name, mode) in new[] { ("query", 0), ("to_json sha256 (now)", 1), ("canonical text, .NET sha", 2), ("canonical blob, .NET sha (the digest pass)", 3), ("temp table, then scan", 4), ("typed .NET binary", 5) })
                {
                    using var command = queries.Command(connection, sheet, scope);
                    var rows = command.CommandText;
                    command.CommandText = mode switch
                    {
                        0 => $"SELECT t.external_id FROM (\n{rows}\n) t",
                        1 => $"SELECT sha256(CAST(to_json(t) AS VARCHAR)) FROM (\n{rows}\n) t",
                        2 => $"SELECT {Canonical(rows)} FROM (\n{rows}\n) t",
                        3 => $"SELECT encode({Canonical(rows)}) FROM (\n{rows}\n) t",
                        5 => rows,
                        _ => $"CREATE OR REPLACE TEMP TABLE exp_rows AS {rows}",
                    };
                    watch.Restart();
                    var cpu0 = Cpu();
                    long n = 0;
                    using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
                    var buffer = new byte[1 << 16];
                    double split = 0;
                    if (mode == 4)
                    {
                        command.ExecuteNonQuery();
                        split = watch.Elapsed.TotalSeconds;
                        using var scan = connection.CreateCommand();
                        scan.CommandText = "SELECT * FROM exp_rows";
                        using var sr = scan.ExecuteReader();
                        while (sr.Read()) { _ = sr.GetValue(0); n++; }
                    }
                    else
                    {
                        using var reader = command.ExecuteReader();
                        while (reader.Read())
                        {
                            if (mode == 2)
                            {
                                var text = reader.GetString(0);
                                var count = System.Text.Encoding.UTF8.GetBytes(text, buffer);
                                hash.AppendData(buffer, 0, count);
                            }
                            else if (mode == 3)
                            {
                                using var stream = reader.GetStream(0);
                                var count = stream.Read(buffer);
                                hash.AppendData(buffer, 0, count);
                            }
                            else if (mode == 5)
                            {
                                var at = 0;
                                for (var c = 0; c < reader.FieldCount; c++)
                                {
                                    if (reader.IsDBNull(c)) { buffer[at++] = 0; continue; }
                                    buffer[at++] = 1;
                                    var type = reader.GetFieldType(c);
                                    if (type == typeof(string))
                                    {
                                        var s = reader.GetString(c);
                                        var len = System.Text.Encoding.UTF8.GetBytes(s, buffer.AsSpan(at + 4));
                                        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), len);
                                        at += 4 + len;
                                    }
                                    else if (type == typeof(DateTime)) { System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at), reader.GetDateTime(c).Ticks); at += 8; }
                                    else if (type == typeof(long)) { System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at), reader.GetInt64(c)); at += 8; }
                                    else if (type == typeof(int)) { System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), reader.GetInt32(c)); at += 4; }
                                    else if (type == typeof(bool)) { buffer[at++] = reader.GetBoolean(c) ? (byte)1 : (byte)0; }
                                    else { var v = Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture)!; at += System.Text.Encoding.UTF8.GetBytes(v, buffer.AsSpan(at)); }
                                }
                                hash.AppendData(buffer, 0, at);
                            }
                            else _ = reader.GetString(0);
                            n++;
                        }
                    }
                    Console.WriteLine($"{sheet,-10} {watch.Elapsed.TotalSeconds,6:N2} s wall {Cpu() - cpu0,6:N2} s cpu {n,9:N0} rows  {name} {(mode == 4 ? $"(create {split:N2} s)" : "")}");
                }
            }
            Console.WriteLine($"load average {Machine.LoadAverage()}");
            return 0;
        }
        if (args.Contains("--workbook-parts"))
        {
            var filled = new AuditReportRows(connection, queries, scope);
            filled.Fill((_, _) => { }, CancellationToken.None);
            var styles = new CellStyles(null!, null!, null!, null!);
            foreach (var sheet in Enum.GetValues<AuditSheet>())
            {
                watch.Restart();
                var c0 = Cpu();
                using var command = filled.Command(sheet);
                using var reader = command.ExecuteReader();
                var cells = ColumnCells.For(reader, styles, filled.Zone);
                var row = new SpreadCheetah.Cell[cells.Length];
                long n = 0;
                while (reader.Read())
                {
                    for (var c = 0; c < cells.Length; c++)
                        row[c] = reader.IsDBNull(c) ? default : cells[c](reader, c);
                    n++;
                }
                Console.WriteLine($"{sheet,-12} {n,10:N0} rows read into cells: {watch.Elapsed.TotalSeconds,6:N2} s wall {Cpu() - c0,6:N2} s cpu");
            }
            var summaryOnly = AuditReportContent.Read(filled, excerpts: false, CancellationToken.None);
            var coverOnly = new AuditReportCover(AuditReportKind.Register, scope, "", scope.AsOf, null, summaryOnly);
            var file = Path.Combine(work, "profile.xlsx");
            watch.Restart();
            var c1 = Cpu();
            await using (var output = File.Create(file))
                await AuditReportWorkbook.WriteAsync(filled, coverOnly, output, CultureInfo.GetCultureInfo("en-GB"), CancellationToken.None);
            Console.WriteLine($"workbook to a file: {watch.Elapsed.TotalSeconds:N2} s wall {Cpu() - c1:N2} s cpu, {new FileInfo(file).Length:N0} bytes");
            using (var zip = System.IO.Compression.ZipFile.OpenRead(file))
                foreach (var entry in zip.Entries)
                    Console.WriteLine($"  {entry.FullName,-36} {entry.Length,14:N0} bytes, {entry.CompressedLength,12:N0} compressed");
            if (!args.Contains("--keep")) File.Delete(file);
            Console.WriteLine($"load average {Machine.LoadAverage()}");
            return 0;
        }
        var cpu = Cpu();
        var source = new AuditReportRows(connection, queries, scope);
        var counts = Enum.GetValues<AuditSheet>().Where(AuditReportRows.CountsCheaply).Sum(source.Count);
        Console.WriteLine($"count, the sheets counted before the fill: {watch.Elapsed.TotalSeconds:N2} s, {Cpu() - cpu:N2} s of processor time ({counts:N0} rows)");
        watch.Restart();
        cpu = Cpu();
        source.Fill((_, _) => { }, CancellationToken.None);
        Console.WriteLine($"fill, all sheets: {watch.Elapsed.TotalSeconds:N2} s, {Cpu() - cpu:N2} s of processor time");
        watch.Restart();
        cpu = Cpu();
        var summary = AuditReportContent.Read(source, excerpts: false, CancellationToken.None);
        Console.WriteLine($"digest pass over the filled rows: {watch.Elapsed.TotalSeconds:N2} s, {Cpu() - cpu:N2} s of processor time ({summary.ContentSha256[..12]})");

        foreach (var sheet in new[] { AuditSheet.Register, AuditSheet.Statutory, AuditSheet.Lineage })
        {
            using var command = source.Command(sheet);
            var filledRows = command.CommandText;
            var canonical = CanonicalRows.Of(command, filledRows);
            command.CommandText = $"SELECT sum(octet_length({canonical.Projection})) FROM ({filledRows}) t";
            watch.Restart();
            cpu = Cpu();
            var bytes = command.ExecuteScalar();
            Console.WriteLine($"{sheet,-12} canonical text built in DuckDB alone ({bytes:N0} bytes): {watch.Elapsed.TotalSeconds:N2} s, {Cpu() - cpu:N2} s of processor time");
        }

        foreach (var sheet in Enum.GetValues<AuditSheet>())
        {
            watch.Restart();
            long rows = 0;
            using (var command = queries.Command(connection, sheet, scope))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) rows++;
            var query = watch.Elapsed.TotalSeconds;

            watch.Restart();
            using (var command = queries.Command(connection, sheet, scope))
            using (var reader = command.ExecuteReader())
            {
                var values = new object?[reader.FieldCount];
                while (reader.Read())
                    for (var c = 0; c < values.Length; c++)
                        values[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            }
            var cells = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{sheet,-12} {rows,10:N0} rows: query alone {query,6:N2} s, every cell read {cells,6:N2} s");
        }

        watch.Restart();
        cpu = Cpu();
        var cover = new AuditReportCover(AuditReportKind.Register, scope, "", scope.AsOf, null, summary);
        await AuditReportWorkbook.WriteAsync(source, cover, Stream.Null, CultureInfo.GetCultureInfo("en-GB"), CancellationToken.None);
        Console.WriteLine($"workbook written to nowhere from the filled rows: {watch.Elapsed.TotalSeconds:N2} s, {Cpu() - cpu:N2} s of processor time");
        Console.WriteLine($"load average {Machine.LoadAverage()}");
        return 0;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
