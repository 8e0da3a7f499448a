using Complaints.Warehouse;

namespace Complaints.Dashboards.CommandLine;

/// <summary>The small host a command runs in: the platform's configuration and warehouse, the parts the command names, nothing that runs by itself.</summary>
public static class CommandHost
{
    public static IHost Build(string? warehousePath, Action<IHostApplicationBuilder> addParts)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration["Logging:LogLevel:Default"] = "Error"; // the command prints its own progress and outcome
        if (warehousePath is not null)
            builder.Configuration[$"{WarehouseOptions.Section}:Path"] = warehousePath;
        builder.AddWarehouse();
        addParts(builder);
        return builder.Build();
    }
}
