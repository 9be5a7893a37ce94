using System.Diagnostics;

namespace PartnerKarte.Core.Tests.Packaging;

/// <summary>
/// PartnerKarte.Core packed once for the packaging tests, from the same Release output the tests run against
/// (<c>dotnet pack --no-build</c>, so the tests add no compile step), into a temporary folder deleted afterwards.
/// </summary>
public sealed class PackedCore : IAsyncLifetime
{
    /// <summary>The folder the package and the symbol package are written to.</summary>
    public string Output { get; } = Directory.CreateTempSubdirectory("pk-pack-").FullName;

    /// <summary>The exit code of <c>dotnet pack</c>.</summary>
    public int ExitCode { get; private set; }

    /// <summary>What <c>dotnet pack</c> wrote to stdout and stderr.</summary>
    public string Log { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "src", "PartnerKarte.Core", "PartnerKarte.Core.csproj");
        var assembly = typeof(PartnerKarte.Karte.PartnerCompany).Assembly.Location;
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(assembly))) ?? "Release";
        var psi = new ProcessStartInfo("dotnet", ["pack", project, "-c", configuration, "--no-build", "--no-restore", "-o", Output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        ExitCode = process.ExitCode;
        Log = await stdout + await stderr;
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(Output, recursive: true);
        return Task.CompletedTask;
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
