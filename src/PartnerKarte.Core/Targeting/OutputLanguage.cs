namespace PartnerKarte.Targeting;

/// <summary>The language of generated text such as approach tips, reasons and handover briefs.</summary>
public enum OutputLanguage
{
    /// <summary>Japanese (日本語).</summary>
    Japanese = 0,
    /// <summary>English.</summary>
    English = 1,
}
