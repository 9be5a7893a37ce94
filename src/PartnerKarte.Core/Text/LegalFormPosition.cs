namespace PartnerKarte.Text;

/// <summary>Where in a company name its legal form was written (前株 or 後株).</summary>
public enum LegalFormPosition
{
    /// <summary>No legal form was found.</summary>
    None = 0,
    /// <summary>Before the name, e.g. 株式会社サンプル (前株).</summary>
    Prefix = 1,
    /// <summary>After the name, e.g. サンプル株式会社 (後株) or Sample Co., Ltd.</summary>
    Suffix = 2,
}
