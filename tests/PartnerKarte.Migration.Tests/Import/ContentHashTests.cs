using System.Security.Cryptography;
using System.Text;
using FsCheck.Fluent;
using FsCheck;
using PartnerKarte.Core.Tests.Text;
using PartnerKarte.Migration;
using PartnerKarte.Testing;

namespace PartnerKarte.Migration.Tests.Import;

/// <summary>The managed SHA-256 behind imported ids must equal the platform's, or re-imports would change ids.</summary>
public class ContentHashTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(119)]
    [InlineData(120)]
    [InlineData(1000)]
    public void Sha256_equals_the_platform_at_padding_boundaries(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7)).ToArray();
        var digest = new byte[32];

        ContentHash.Sha256(data, digest);

        digest.Should().Equal(SHA256.HashData(data));
    }

    [Fact]
    public void Sha256_equals_the_platform_on_random_bytes() =>
        Props.Check(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(), data =>
        {
            var digest = new byte[32];
            ContentHash.Sha256(data, digest);
            return digest.AsSpan().SequenceEqual(SHA256.HashData(data));
        });

    [Theory]
    [InlineData("テスト1商事")]
    [InlineData("C-0123456789abcdef|rep0@t1.example.co.jp")]
    [InlineData("")]
    public void Ids_are_the_first_8_bytes_of_the_sha256_of_the_utf8_in_hex(string text) =>
        ContentHash.IdOf(text).Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8)));

    [Fact]
    public void Ids_of_any_text_match_the_platform_hash() =>
        Props.Check(JapaneseTextGenerators.MessyText, text =>
            ContentHash.IdOf(text) == Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8)));
}
