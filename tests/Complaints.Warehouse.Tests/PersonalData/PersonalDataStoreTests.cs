using Complaints.Ingest.Feeds;
using Complaints.Testing;
using Complaints.Warehouse.Overview;
using Complaints.Warehouse.PersonalData;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Tests.PersonalData;

/// <summary>Erasure of a data subject: their data and the text naming them go, everywhere and in every version kept; the figures stay.</summary>
public sealed class PersonalDataStoreTests : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private PersonalDataStore _store = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        _store = new PersonalDataStore(_warehouse.Database, _warehouse.Time);
        var loader = _warehouse.Loader();
        foreach (var (feed, csv) in OverviewFixture.Files())
            await loader.LoadAsync(_warehouse.WriteFile($"{feed.Name}.csv", csv), feed);
        // Anna's complaint twice: the first version (old e-mail, phone in the text) stays in the history tables.
        await loader.LoadAsync(_warehouse.WriteFile("crm-delivery-1.csv", CanonicalCsv.Write(FeedLayouts.Complaints,
            Anna("2024-02-10T10:00:00+01:00", "anna.old@example.com", "Kettle leaks. Call me on +48 601 234 567, Anna Kowalska"))), FeedLayouts.Complaints);
        await loader.LoadAsync(_warehouse.WriteFile("crm-delivery-2.csv", CanonicalCsv.Write(FeedLayouts.Complaints,
            Anna("2024-02-12T10:00:00+01:00", "anna@example.com", "Still leaking; Kowalska again (anna@example.com). Regards, Anna"))), FeedLayouts.Complaints);
    }

    private static Dictionary<string, string> Anna(string updated, string email, string description) => new()
    {
        ["source"] = "crm", ["external_id"] = "A-1", ["updated_at"] = updated, ["received_at"] = "2024-02-10T10:00:00+01:00",
        ["status"] = "in_progress", ["product_sku"] = "HA-0001", ["channel"] = "email", ["description"] = description,
        ["customer_id"] = "K-1001", ["customer_segment"] = "vip", ["customer_name"] = "Anna Kowalska", ["customer_email"] = email, ["customer_phone"] = "+48 601 234 567",
    };

    [Fact]
    public void A_reader_without_the_permission_sees_the_person_masked()
    {
        var masked = _store.FindMasked("crm", "K-1001")!;
        var terms = _store.TermsFor("crm", "K-1001");

        Assert.Equal(("A*** K***", "a***@example.com", "*** 567"), (masked.Name, masked.Email, masked.Phone));
        Assert.Equal("Still leaking; *** again (***). Regards, ***", PersonalDataMask.Text("Still leaking; Kowalska again (anna@example.com). Regards, Anna", terms));
    }

    [Fact]
    public async Task After_an_erasure_by_e_mail_nothing_names_the_person_anywhere_and_every_figure_is_unchanged()
    {
        var before = Figures();

        var erased = await _store.EraseAsync(null, "ANNA@example.com", "auditor");

        Assert.Equal(["crm/K-1001"], erased);
        Assert.Equal(before, Figures());
        foreach (var needle in new[] { "Kowalska", "anna@example.com", "anna.old@example.com", "601 234 567", "Anna" })
            Assert.Empty(Mentions(needle));
        Assert.Null(_store.FindMasked("crm", "K-1001"));
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal("Still leaking; [erased] again ([erased]). Regards, [erased]",
            connection.Scalar<string>("SELECT description FROM complaints WHERE external_id = 'A-1'"));
        var entry = Complaints.Warehouse.Audit.AuditLog.Read(connection).Last();
        Assert.Equal((PersonalDataStore.EraseAction, "customer:crm/K-1001"), (entry.Action, entry.Subject)); // by ids, not by the data
        Assert.DoesNotContain("Kowalska", entry.AfterJson);
    }

    [Fact]
    public async Task Retention_erases_the_people_not_updated_since_the_cut_off()
    {
        var erased = await _store.EraseOlderThanAsync(new DateTimeOffset(2024, 2, 11, 0, 0, 0, TimeSpan.Zero), "retention");

        Assert.True(erased > 0);
        using var connection = _warehouse.Database.OpenConnection();
        Assert.Equal(0, connection.Scalar<long>("SELECT count(*) FROM customer_personal WHERE updated_at < TIMESTAMPTZ '2024-02-11 00:00:00+00'"));
        Assert.Equal(1, connection.Scalar<long>("SELECT count(*) FROM customer_personal WHERE customer_id = 'K-1001'")); // updated on the 12th
    }

    /// <summary>Every VARCHAR cell of every table that holds <paramref name="needle"/> (case-insensitive), as table.column.</summary>
    private List<string> Mentions(string needle)
    {
        using var connection = _warehouse.Database.OpenConnection();
        var columns = connection.QueryList("SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR' AND table_schema = 'main'",
            r => (Table: r.GetString(0), Column: r.GetString(1)));
        return columns.Where(c => connection.Scalar<long>($"SELECT count(*) FROM \"{c.Table}\" WHERE \"{c.Column}\" ILIKE '%' || $n || '%'", ("n", needle)) > 0)
            .Select(c => $"{c.Table}.{c.Column}").ToList();
    }

    private string Figures()
    {
        var overview = new OverviewQueries(_warehouse.Database, Options.Create(new ReportingOptions()));
        using var connection = _warehouse.Database.OpenConnection();
        var counts = string.Join(",", new[] { "complaints", "complaint_versions", "customers", "costs", "surveys", "complaint_sla", "cost_lines" }
            .Select(t => connection.Scalar<long>($"SELECT count(*) FROM {t}")));
        var perProduct = string.Join(",", overview.ComplaintsPerProduct(new ComplaintFilter()).Select(p => $"{p}"));
        return $"{counts}|{perProduct}|{connection.Scalar<double>("SELECT coalesce(sum(amount_reporting), 0) FROM cost_lines")}";
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }
}
