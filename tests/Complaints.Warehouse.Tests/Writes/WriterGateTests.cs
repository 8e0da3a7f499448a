using Complaints.Testing;
using Complaints.Warehouse.Writes;

namespace Complaints.Warehouse.Tests.Writes;

/// <summary>The writer gate says what each write changed, after the write, and commits only writes that pass it.</summary>
public sealed class WriterGateTests : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private readonly List<WarehouseChange> _heard = [];

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        _warehouse.Database.Changed += _heard.Add;
        using var connection = _warehouse.Database.OpenConnection();
        connection.Execute("CREATE TABLE notes (note VARCHAR)");
    }

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_write_is_announced_with_what_it_committed_and_one_that_says_nothing_as_other()
    {
        await _warehouse.Database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute("INSERT INTO notes VALUES ('loaded')");
            _warehouse.Database.Commit(transaction, WarehouseChange.Load("notes", 42));
            return Task.FromResult(0);
        });
        await _warehouse.Database.WriteAsync(connection => Task.FromResult(connection.Execute("INSERT INTO notes VALUES ('plain')")));

        Assert.Equal([WarehouseChange.Load("notes", 42), WarehouseChange.Other], _heard);
        Assert.Equal(2, _warehouse.Count("notes"));
    }

    [Fact]
    public async Task A_write_that_fails_after_its_commit_still_announces_what_it_committed()
    {
        var failing = _warehouse.Database.WriteAsync<int>(connection =>
        {
            using (var transaction = connection.BeginTransaction())
            {
                connection.Execute("INSERT INTO notes VALUES ('kept')");
                _warehouse.Database.Commit(transaction, WarehouseChange.Load("notes", 7));
            }
            throw new InvalidOperationException("after the commit");
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal([WarehouseChange.Load("notes", 7)], _heard);
        Assert.Equal(1, _warehouse.Count("notes"));
    }

    [Fact]
    public void A_transaction_outside_the_gate_cannot_commit_through_it()
    {
        using (var connection = _warehouse.Database.OpenConnection())
        using (var transaction = connection.BeginTransaction())
        {
            connection.Execute("INSERT INTO notes VALUES ('sneaked in')");
            Assert.Throws<InvalidOperationException>(() => _warehouse.Database.Commit(transaction, WarehouseChange.Load("notes", 1)));
        }

        Assert.Equal(0, _warehouse.Count("notes"));
        Assert.Empty(_heard);
    }
}
