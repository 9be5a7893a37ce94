namespace PartnerKarte.Karte;

/// <summary>A person's name in Japanese order, with kana readings (氏名・フリガナ).</summary>
/// <param name="FamilyName">Family name (姓), e.g. 山田.</param>
/// <param name="GivenName">Given name (名), e.g. 太郎.</param>
/// <param name="FamilyNameKana">Reading of the family name (セイ), e.g. ヤマダ.</param>
/// <param name="GivenNameKana">Reading of the given name (メイ), e.g. タロウ.</param>
public sealed record PersonName(string FamilyName, string GivenName, string? FamilyNameKana = null, string? GivenNameKana = null)
{
    /// <summary>The name as Japanese write it: family name, a space, given name.</summary>
    public string Display => string.IsNullOrEmpty(GivenName) ? FamilyName : $"{FamilyName} {GivenName}";

    /// <summary>The kana reading, when known.</summary>
    public string? Kana => FamilyNameKana is null && GivenNameKana is null ? null : $"{FamilyNameKana} {GivenNameKana}".Trim();

    /// <inheritdoc />
    public override string ToString() => Display;
}
