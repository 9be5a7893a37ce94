namespace PartnerKarte.Connectors.Dataverse;

/// <summary>The custom columns the connector needs, with their types, named through the mapping.</summary>
internal static class ColumnCatalog
{
    public const string Account = "account";
    public const string Contact = "contact";
    public const string Opportunity = "opportunity";

    /// <summary>Activity tables and the channel each stands for when PartnerKarte creates an interaction.</summary>
    public static readonly string[] ActivityTables = ["phonecall", "appointment", "email", "task"];

    public static readonly string[] KeyedTables = [Account, Contact, Opportunity, .. ActivityTables];

    /// <summary>One required column: table, logical name, Dataverse type, precision or max length.</summary>
    public sealed record Column(string Table, string Name, string Type, int? MaxLength = null, int? Precision = null);

    public static IReadOnlyList<Column> For(DataverseMapping m)
    {
        var list = new List<Column>();
        foreach (var t in KeyedTables)
        {
            list.Add(new Column(t, m.ExternalId, "String", MaxLength: 100));
            list.Add(new Column(t, m.KarteData, "Memo", MaxLength: 1_048_576));
        }

        list.AddRange(
        [
            new(Contact, m.Rep.TrustScore, "Decimal", Precision: 1),
            new(Contact, m.Rep.TrustRank, "Picklist"),
            new(Contact, m.Rep.TrustConfidence, "Decimal", Precision: 2),
            new(Contact, m.Rep.TrustTrend, "Decimal", Precision: 1),
            new(Contact, m.Rep.LastContactDate, "DateOnly"),
            new(Contact, m.Rep.FollowUpPriority, "Picklist"),
            new(Contact, m.Rep.TrustReasons, "String", MaxLength: 255),
            new(Account, m.Company.DealCount, "Integer"),
            new(Account, m.Company.WonCount, "Integer"),
            new(Account, m.Company.WinRate, "Decimal", Precision: 1),
            new(Account, m.Company.Revenue, "Money", Precision: 2),
            new(Account, m.Company.GrossProfit, "Money", Precision: 2),
            new(Account, m.Company.KarteCompleteness, "Decimal", Precision: 1),
            new(Account, m.Company.ContractAlert, "String", MaxLength: 255),
            new(Opportunity, m.ProposalStage, "Integer"),
            new(Opportunity, m.ProposalGrossProfit, "Money", Precision: 2),
        ]);
        foreach (var t in ActivityTables)
        {
            list.Add(new Column(t, m.InteractionChannel, "Integer"));
            list.Add(new Column(t, m.InteractionInitiator, "Integer"));
            list.Add(new Column(t, m.InteractionReaction, "Integer"));
        }

        return list;
    }

    /// <summary>Whether an environment's AttributeType can hold a column of the wanted type.</summary>
    public static bool Compatible(string wanted, string actual) => wanted switch
    {
        "Decimal" => actual is "Decimal" or "Double" or "Money",
        "Money" => actual is "Money" or "Decimal",
        "Integer" => actual is "Integer" or "BigInt" or "Picklist",
        "Picklist" => actual is "Picklist" or "Integer",
        "DateOnly" => actual is "DateTime",
        "String" => actual is "String" or "Memo",
        "Memo" => actual is "Memo",
        _ => wanted == actual,
    };
}
