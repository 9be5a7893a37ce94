namespace PartnerKarte.Handover;

/// <summary>Orders strong ids by their text, ordinally, so plans do not depend on culture.</summary>
internal sealed class IdOrder<T> : IComparer<T>
    where T : struct
{
    public static readonly IdOrder<T> Instance = new();

    public int Compare(T x, T y) => string.CompareOrdinal(x.ToString(), y.ToString());
}
