namespace PartnerKarte.Text;

/// <summary>The legal form (法人格) found in a company name.</summary>
public enum CompanyLegalForm
{
    /// <summary>No legal form was found.</summary>
    None = 0,
    /// <summary>株式会社, (株), ㈱, カ), K.K., KK.</summary>
    KabushikiKaisha = 1,
    /// <summary>有限会社, (有), ㈲, ユ).</summary>
    YugenKaisha = 2,
    /// <summary>合同会社, (同), ド), G.K.</summary>
    GodoKaisha = 3,
    /// <summary>合資会社, (資), シ).</summary>
    GoshiKaisha = 4,
    /// <summary>合名会社, (名), メ).</summary>
    GomeiKaisha = 5,
    /// <summary>一般社団法人, 公益社団法人, 社団法人, (社), ㈳.</summary>
    IncorporatedAssociation = 6,
    /// <summary>一般財団法人, 公益財団法人, 財団法人, (財), ㈶.</summary>
    IncorporatedFoundation = 7,
    /// <summary>特定非営利活動法人, NPO法人, (特非).</summary>
    NonProfitCorporation = 8,
    /// <summary>医療法人, 医療法人社団, 医療法人財団, (医).</summary>
    MedicalCorporation = 9,
    /// <summary>学校法人, (学).</summary>
    SchoolCorporation = 10,
    /// <summary>社会福祉法人, (福).</summary>
    SocialWelfareCorporation = 11,
    /// <summary>An English company form that does not say which Japanese form it is: Co., Ltd., Inc., Corp., Limited.</summary>
    Company = 12,
    /// <summary>An English limited liability company: LLC, L.L.C.</summary>
    LimitedLiabilityCompany = 13,
}
