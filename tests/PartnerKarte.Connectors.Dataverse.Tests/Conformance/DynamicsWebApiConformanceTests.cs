using System.Diagnostics;
using PartnerKarte.Emulators.Dataverse;

namespace PartnerKarte.Connectors.Dataverse.Tests.Conformance;

/// <summary>
/// Runs <c>node --test tests/conformance/dataverse/</c> — the npm client dynamics-web-api 2.5, unchanged — against an
/// in-process emulator, so <c>dotnet test</c> and <c>.ci/run</c> cover it. dynamics-web-api accepts plain http URLs
/// (it picks the node http module from the URL's scheme), so the emulator is served over http on 127.0.0.1.
/// </summary>
public sealed class DynamicsWebApiConformanceTests
{
    [Fact]
    public async Task Dynamics_web_api_runs_unchanged_against_the_emulator()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        emulator.AddColumn("contact", "pk_externalid", "String", 100);
        emulator.AddAlternateKey("contact", "pk_externalid_key", "pk_externalid");
        var conformance = Path.Combine(RepositoryRoot(), "tests", "conformance");
        File.Exists(Path.Combine(conformance, "node_modules", "dynamics-web-api", "package.json")).Should()
            .BeTrue("the test build installs the npm packages (tests/setup/npm-conformance.sh: npm ci in tests/conformance)");

        var start = new ProcessStartInfo("node", ["--test", "dataverse/"])
        {
            WorkingDirectory = conformance,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var proxy in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY" })
        {
            start.Environment.Remove(proxy); // dynamics-web-api honours these; the emulator is on loopback
        }

        start.Environment["NO_PROXY"] = "127.0.0.1";
        start.Environment["DATAVERSE_URL"] = emulator.BaseUri.ToString();
        start.Environment["DATAVERSE_TOKEN_URL"] = emulator.TokenUri.ToString();
        start.Environment["DATAVERSE_CLIENT_ID"] = emulator.Options.ClientId;
        start.Environment["DATAVERSE_CLIENT_SECRET"] = emulator.Options.ClientSecret;

        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await node.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        node.ExitCode.Should().Be(0, "node --test must pass; its output was:\n{0}", output);
        output.Should().Contain("# fail 0").And.Contain("# pass 4");
        emulator.TokenCallCount.Should().BeGreaterThan(0, "the client fetched its token from the emulator's token endpoint");
        emulator.BatchCallCount.Should().BeGreaterThanOrEqualTo(3);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PartnerKarte.Core.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PartnerKarte.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
