using System.Diagnostics;
using Xunit.Abstractions;

namespace PartnerKarte.Testing.Tests.ConsumerCheck;

/// <summary>
/// The packages as an outside team gets them: every packable project is packed, and samples/PartnerKarte.ConsumerCheck
/// (copied to a temporary folder, out of reach of the repository's build files) restores them by package, builds and
/// runs: scoring, a handover plan and a sync against the in-memory connector, exit code 0.
/// </summary>
/// <remarks>
/// The packages get a version of their own per run, so no package cache can serve a stale copy; that version is deleted
/// from the global packages folder afterwards. Packing uses --no-build: this project's build has built every packable
/// project in the same configuration (see the project file).
/// </remarks>
public sealed class ConsumerCheckTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Packed_packages_restore_build_and_run_in_an_outside_app()
    {
        var root = RepositoryRoot();
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(InMemoryKarteConnector).Assembly.Location))) ?? "Release";
        var version = $"0.1.0-check.g{Guid.NewGuid():N}"[..26];
        var work = Directory.CreateTempSubdirectory("pk-consumer-").FullName;
        var app = Path.Combine(work, "app");
        var clock = Stopwatch.StartNew();
        try
        {
            CopySample(Path.Combine(root, "samples", "PartnerKarte.ConsumerCheck"), app);
            var projects = PackableProjects(root);
            projects.Should().Contain(p => p.EndsWith("PartnerKarte.Testing.csproj", StringComparison.Ordinal))
                .And.Contain(p => p.EndsWith("PartnerKarte.Emulators.csproj", StringComparison.Ordinal));
            var solution = Path.Combine(work, "packages.slnx");
            await File.WriteAllTextAsync(solution, "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{Path.GetRelativePath(work, p)}\" />\n")) + "</Solution>\n");

            await RunAsync(work, "pack", solution, "-c", configuration, "--no-build", "--no-restore", "-o", Path.Combine(app, "packages"), $"-p:Version={version}");
            output.WriteLine($"packed {projects.Count} projects as {version} in {clock.Elapsed.TotalSeconds:F0} s");
            Directory.GetFiles(Path.Combine(app, "packages"), "*.nupkg").Should().HaveCount(projects.Count);

            var run = await RunAsync(app, "run", "-c", "Release", $"-p:PartnerKarteVersion={version}");
            output.WriteLine($"restored, built and ran the sample in {clock.Elapsed.TotalSeconds:F0} s in all");
            run.Should().Contain("consumer check: ok");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            DeleteFromGlobalPackages(version);
        }
    }

    private async Task<string> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test host runs under dotnet test: keep its MSBuild settings out of the child builds.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {StepTimeout}.");
        }

        var text = await stdout + await stderr;
        output.WriteLine($"$ dotnet {string.Join(' ', arguments)}\n{text}");
        process.ExitCode.Should().Be(0, $"dotnet {arguments[0]} must succeed:\n{text}");
        return text;
    }

    /// <summary>The projects whose packages users install: everything under src/ and connectors/, and the emulators.</summary>
    private static List<string> PackableProjects(string root) =>
        [.. Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "connectors"), "*.csproj", SearchOption.AllDirectories))
            .Append(Path.Combine(root, "tests", "PartnerKarte.Emulators", "PartnerKarte.Emulators.csproj"))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    private static void CopySample(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static void DeleteFromGlobalPackages(string version)
    {
        var folder = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var package in Directory.GetDirectories(folder, "partnerkarte.*"))
        {
            var extracted = Path.Combine(package, version.ToLowerInvariant());
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }

            if (Directory.GetFileSystemEntries(package).Length == 0)
            {
                Directory.Delete(package);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerKarte.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PartnerKarte.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
