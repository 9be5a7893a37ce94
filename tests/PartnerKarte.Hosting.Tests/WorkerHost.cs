using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerKarte.Connectors.Salesforce.Tests.Support;

namespace PartnerKarte.Hosting.Tests;

/// <summary>The worker as docs/hosting.md registers it, configured for a Salesforce emulator and a store under a folder.</summary>
internal static class WorkerHost
{
    public static readonly DateTimeOffset AsOf = new(2026, 3, 15, 0, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, string?> Settings(SalesforceTestOrg org, string dir) => new()
    {
        ["PartnerKarte:Salesforce:LoginUrl"] = org.Emulator.BaseUrl.ToString(),
        ["PartnerKarte:Salesforce:ClientId"] = org.Emulator.ClientId,
        ["PartnerKarte:Salesforce:ClientSecret"] = org.Emulator.ClientSecret,
        ["PartnerKarte:Salesforce:RetryBaseDelay"] = "00:00:00.010",
        ["PartnerKarte:Sqlite:Path"] = "state/partnerkarte.db",
        ["PartnerKarte:SyncJob:SetProcessExitCode"] = "false",
    };

    public static IHost Build(string contentRoot, IDictionary<string, string?> settings, Action<HostApplicationBuilder>? more = null)
    {
        Directory.CreateDirectory(Path.Combine(contentRoot, "state"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);

        // As in docs/hosting.md.
        builder.Services.AddPartnerKarte(builder.Configuration.GetSection("PartnerKarte"))
            .AddSalesforce(builder.Configuration.GetSection("PartnerKarte:Salesforce"))
            .AddSqliteStore(builder.Configuration.GetSection("PartnerKarte:Sqlite"));
        builder.Services.AddPartnerKarteSyncJob(builder.Configuration);
        builder.Services.AddHealthChecks().AddPartnerKarteChecks(TimeSpan.FromSeconds(5));

        more?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Runs the host to its end and returns the job's result.</summary>
    public static async Task<SyncJobResult> RunAsync(IHost host, CancellationToken cancellationToken = default)
    {
        var job = host.Services.GetRequiredService<PartnerKarteSyncJob>();
        await host.RunAsync(cancellationToken);
        return await job.Completion.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public static void Delete(string dir)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow runner: the temp folder is cleaned by the OS.
        }
    }
}
