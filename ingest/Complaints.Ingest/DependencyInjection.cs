using Complaints.Ingest.Loading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Complaints.Ingest;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CanonicalFileLoader>();
        return builder;
    }
}
