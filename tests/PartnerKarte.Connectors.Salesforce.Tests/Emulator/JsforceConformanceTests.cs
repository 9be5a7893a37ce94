using System.Diagnostics;
using PartnerKarte.Emulators.Salesforce;

namespace PartnerKarte.Connectors.Salesforce.Tests.Emulator;

/// <summary>Runs tests/conformance/salesforce (jsforce, unchanged) against an in-process emulator.</summary>
public sealed class JsforceConformanceTests
{
    [Fact]
    public async Task Jsforce_conformance_suite_passes_against_the_emulator()
    {
        var conformance = FindConformanceFolder();
        Directory.Exists(Path.Combine(conformance, "node_modules", "jsforce")).Should()
            .BeTrue("the test build installs the npm packages (tests/setup/npm-conformance.sh)");
        await using var emulator = await SalesforceEmulator.StartAsync();

        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=spec", "salesforce/"])
        {
            WorkingDirectory = conformance,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SF_EMULATOR_URL"] = emulator.BaseUrl.ToString().TrimEnd('/');
        start.Environment["SF_CLIENT_ID"] = emulator.ClientId;
        start.Environment["SF_CLIENT_SECRET"] = emulator.ClientSecret;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        process.ExitCode.Should().Be(0, "node --test output:\n{0}", output);
        output.Should().Contain("pass 8");
        emulator.CountCalls(SalesforceApiCallKind.BulkPoll).Should().BeGreaterThan(0, "jsforce polled the bulk jobs");
        emulator.CountCalls(SalesforceApiCallKind.Auth).Should().BeGreaterThan(0);
    }

    private static string FindConformanceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "conformance");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/conformance not found above " + AppContext.BaseDirectory);
    }
}
