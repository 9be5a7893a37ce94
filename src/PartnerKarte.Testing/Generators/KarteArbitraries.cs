using FsCheck;
using FsCheck.Fluent;
using PartnerKarte.Karte;

namespace PartnerKarte.Testing;

/// <summary>
/// FsCheck arbitraries for karte types, to register with a property:
/// <c>[Property(Arbitrary = [typeof(KarteArbitraries)])]</c> or <c>Prop.ForAll(KarteArbitraries.KarteDataSet(), ...)</c>.
/// </summary>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class KarteArbitraries
{
    /// <summary>Seeded full kartes (<see cref="KarteGenerators.DataSet"/>); shrinking keeps the failing seed.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<KarteDataSet> KarteDataSet() => KarteGenerators.DataSet().ToArbitrary();
}
