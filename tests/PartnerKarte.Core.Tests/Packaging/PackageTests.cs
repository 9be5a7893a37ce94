using System.Diagnostics;
using System.IO.Compression;

namespace PartnerKarte.Core.Tests.Packaging;

/// <summary>The NuGet package a user installs: built from the same Release output the tests ran against.</summary>
public class PackageTests
{
    [Fact]
    public async Task Pack_produces_the_package_with_readme_xml_docs_and_a_symbol_package()
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "src", "PartnerKarte.Core", "PartnerKarte.Core.csproj");
        var assembly = typeof(PartnerKarte.Karte.PartnerCompany).Assembly.Location;
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(assembly))) ?? "Release";
        var output = Directory.CreateTempSubdirectory("pk-pack-").FullName;
        try
        {
            // --no-build packs the assemblies this test run already built, so the test adds no compile step.
            var psi = new ProcessStartInfo("dotnet", ["pack", project, "-c", configuration, "--no-build", "--no-restore", "-o", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, await stdout + await stderr);

            var package = Directory.GetFiles(output, "PartnerKarte.Core.*.nupkg").Should().ContainSingle().Subject;
            Path.GetFileName(package).Should().MatchRegex(@"^PartnerKarte\.Core\.\d+\.\d+\.\d+.*\.nupkg$");
            Directory.GetFiles(output, "PartnerKarte.Core.*.snupkg").Should().ContainSingle();
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            entries.Should().Contain("README.md");
            entries.Should().Contain("lib/net10.0/PartnerKarte.Core.dll");
            entries.Should().Contain("lib/net10.0/PartnerKarte.Core.xml");
            using var reader = new StreamReader(zip.GetEntry("lib/net10.0/PartnerKarte.Core.xml")!.Open());
            (await reader.ReadToEndAsync()).Should().Contain("M:PartnerKarte.Scoring.TrustScorer.ScoreAll");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
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
