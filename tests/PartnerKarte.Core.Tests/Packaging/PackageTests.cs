using System.IO.Compression;
using System.Xml.Linq;

namespace PartnerKarte.Core.Tests.Packaging;

/// <summary>The NuGet package a user installs: built from the same Release output the tests ran against.</summary>
public class PackageTests(PackedCore packed) : IClassFixture<PackedCore>
{
    [Fact]
    public async Task Pack_produces_the_package_with_readme_xml_docs_and_a_symbol_package()
    {
        packed.ExitCode.Should().Be(0, packed.Log);
        var package = Directory.GetFiles(packed.Output, "PartnerKarte.Core.*.nupkg").Should().ContainSingle().Subject;
        Path.GetFileName(package).Should().MatchRegex(@"^PartnerKarte\.Core\.\d+\.\d+\.\d+.*\.nupkg$");
        Directory.GetFiles(packed.Output, "PartnerKarte.Core.*.snupkg").Should().ContainSingle();
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        entries.Should().Contain("README.md");
        entries.Should().Contain("lib/net10.0/PartnerKarte.Core.dll");
        entries.Should().Contain("lib/net10.0/PartnerKarte.Core.xml");
        entries.Should().NotContain(e => e.Contains("Migration", StringComparison.Ordinal), "the importer ships in PartnerKarte.Migration");
        using (var reader = new StreamReader(zip.GetEntry("lib/net10.0/PartnerKarte.Core.xml")!.Open()))
        {
            (await reader.ReadToEndAsync()).Should().Contain("M:PartnerKarte.Scoring.TrustScorer.ScoreAll");
        }

        using (var reader = new StreamReader(zip.GetEntry("README.md")!.Open()))
        {
            (await reader.ReadToEndAsync()).Should().StartWith("# PartnerKarte.Core", "the package carries its own README, not the repository's");
        }
    }

    [Fact]
    public void Nuspec_lists_only_abstractions_packages_as_dependencies()
    {
        packed.ExitCode.Should().Be(0, packed.Log);
        var package = Directory.GetFiles(packed.Output, "PartnerKarte.Core.*.nupkg").Should().ContainSingle().Subject;
        using var zip = ZipFile.OpenRead(package);
        var nuspecEntry = zip.Entries.Should().ContainSingle(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Subject;
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);

        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        dependencies.Should().NotBeEmpty("Core uses the logging and DI abstractions");
        dependencies.Should().OnlyContain(id => id.EndsWith(".Abstractions", StringComparison.Ordinal),
            "PartnerKarte.Core depends on *.Abstractions packages only (DI, options binding and validation live in PartnerKarte.Hosting); found: " + string.Join(", ", dependencies));
    }
}
