namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Account columns that receive a company's KPI enrichment.</summary>
public sealed class DataverseCompanyColumns
{
    /// <summary>Number of deals (whole number).</summary>
    public string DealCount { get; set; } = "pk_dealcount";

    /// <summary>Number of deals won (whole number).</summary>
    public string WonCount { get; set; } = "pk_woncount";

    /// <summary>Win rate in percent (decimal, 1 place).</summary>
    public string WinRate { get; set; } = "pk_winrate";

    /// <summary>Revenue of won deals (currency).</summary>
    public string Revenue { get; set; } = "pk_revenue";

    /// <summary>Gross profit of won deals (currency).</summary>
    public string GrossProfit { get; set; } = "pk_grossprofit";

    /// <summary>Karte completeness in percent (decimal, 1 place).</summary>
    public string KarteCompleteness { get; set; } = "pk_kartecompleteness";

    /// <summary>Most urgent contract alert, e.g. <c>renewal:2026-12-31</c> (text, 255).</summary>
    public string ContractAlert { get; set; } = "pk_contractalert";
}
