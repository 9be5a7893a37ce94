using System.ComponentModel.DataAnnotations;
using PartnerKarte.Privacy;
using PartnerKarte.Sync;

namespace PartnerKarte.Core.Tests.Privacy;

/// <summary>Tombstones hold keyed hashes only: they recognise the erased id under their key and nothing else.</summary>
public sealed class ErasureTombstonesTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Fact]
    public void A_tombstone_recognises_its_id_under_its_key_only_and_does_not_hold_the_id()
    {
        var hash = ErasureTombstones.Hash(Key, "R-00003");
        var tombstones = new ErasureTombstones(Key, [hash]);

        tombstones.Contains("R-00003").Should().BeTrue();
        tombstones.Contains("R-00004").Should().BeFalse();
        tombstones.Contains("r-00003").Should().BeFalse("ids are compared exactly");
        new ErasureTombstones([.. Key.Reverse()], [hash]).Contains("R-00003").Should().BeFalse("another store's key gives another hash");
        hash.Should().HaveLength(64).And.NotContain("R-00003");
        ErasureTombstones.Empty.Contains("R-00003").Should().BeFalse();
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1200, true)]
    [InlineData(1201, false)]
    public void The_retention_period_is_validated_and_off_unless_set(int months, bool valid)
    {
        new EnrichmentSyncOptions().RetentionMonths.Should().BeNull();
        var options = new EnrichmentSyncOptions { RetentionMonths = months };
        var validate = options.Validate;

        if (valid)
        {
            validate.Should().NotThrow();
        }
        else
        {
            validate.Should().Throw<ValidationException>().WithMessage($"PartnerKarte:Sync:RetentionMonths must be between 1 and 1200 (was {months}).");
        }
    }
}
