using FsCheck;
using FsCheck.Fluent;

namespace PartnerKarte.Core.Tests.Text;

/// <summary>Runs an FsCheck property with a modest number of cases and throws on a counter-example.</summary>
internal static class Props
{
    public static void Check<T>(Gen<T> gen, Func<T, bool> property, int cases = 200) =>
        Prop.ForAll(Arb.From(gen), property).Check(Config.QuickThrowOnFailure.WithMaxTest(PropertyRuns.Cases(cases)).WithEndSize(40));
}
