namespace PartnerKarte.Migration;

/// <summary>The template items that keep what a spreadsheet held outside the karte schema.</summary>
internal static class NoteItems
{
    public const string Company = "company.note";
    public const string Rep = "rep.note";
    public const string ManualTrust = "rep.manualTrust";

    public static bool IsNote(string key) => key is Company or Rep;
}
