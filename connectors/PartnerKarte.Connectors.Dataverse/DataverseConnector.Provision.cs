using System.Text.Json.Nodes;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>Creates the connector's columns and alternate keys through the Web API (what an admin would do in a solution).</summary>
public sealed partial class DataverseConnector
{
    private static readonly string[] RankLabels = ["評価保留 Unrated", "D", "C", "B", "A", "S"];
    private static readonly string[] PriorityLabels = ["低 Low", "通常 Normal", "高 High", "緊急 Urgent"];

    /// <summary>
    /// Creates every mapped column and alternate key the environment lacks (needs System Customizer rights).
    /// Existing columns are left alone, so it is safe to run again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was created, one line each (e.g. <c>contact.pk_trustscore</c>).</returns>
    public async Task<IReadOnlyList<string>> ProvisionAsync(CancellationToken cancellationToken = default)
    {
        var created = new List<string>();
        var catalog = ColumnCatalog.For(_options.Mapping);
        foreach (var table in ColumnCatalog.KeyedTables)
        {
            var attributes = await _api.GetJsonAsync($"EntityDefinitions(LogicalName='{table}')/Attributes?$select=LogicalName", "metadata " + table, cancellationToken).ConfigureAwait(false);
            var existing = (attributes["value"] as JsonArray ?? []).OfType<JsonObject>().Select(a => a["LogicalName"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var column in catalog.Where(c => c.Table == table && !existing.Contains(c.Name)))
            {
                await PostAsync($"EntityDefinitions(LogicalName='{table}')/Attributes", AttributeBody(column), cancellationToken).ConfigureAwait(false);
                created.Add($"{table}.{column.Name}");
            }

            var keys = await _api.GetJsonAsync($"EntityDefinitions(LogicalName='{table}')/Keys", "metadata " + table, cancellationToken).ConfigureAwait(false);
            var hasKey = (keys["value"] as JsonArray ?? []).OfType<JsonObject>()
                .Any(k => k["KeyAttributes"] is JsonArray a && a.Count == 1 && a[0]?.GetValue<string>() == _options.Mapping.ExternalId);
            if (!hasKey)
            {
                await PostAsync($"EntityDefinitions(LogicalName='{table}')/Keys", new JsonObject
                {
                    ["SchemaName"] = _options.Mapping.ExternalId + "_key",
                    ["DisplayName"] = Label("PartnerKarte 外部ID / external id"),
                    ["KeyAttributes"] = new JsonArray(_options.Mapping.ExternalId),
                }, cancellationToken).ConfigureAwait(false);
                created.Add($"{table} key {_options.Mapping.ExternalId}_key");
            }
        }

        _changeTracking = null; // validate again on next use
        return created;
    }

    private async Task PostAsync(string url, JsonObject body, CancellationToken cancellationToken)
    {
        var text = body.ToJsonString();
        using var response = await _api.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(_api.ApiRoot, url)) { Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json") },
            "provision",
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await DataverseWebApi.FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static JsonObject Label(string text) => new()
    {
        ["@odata.type"] = "Microsoft.Dynamics.CRM.Label",
        ["LocalizedLabels"] = new JsonArray(new JsonObject
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.LocalizedLabel",
            ["Label"] = text,
            ["LanguageCode"] = 1041,
        }),
    };

    internal static JsonObject AttributeBody(ColumnCatalog.Column column)
    {
        var body = new JsonObject
        {
            ["SchemaName"] = column.Name,
            ["DisplayName"] = Label("PartnerKarte " + column.Name),
            ["RequiredLevel"] = new JsonObject { ["Value"] = "None" },
        };
        switch (column.Type)
        {
            case "String":
                body["@odata.type"] = "Microsoft.Dynamics.CRM.StringAttributeMetadata";
                body["MaxLength"] = column.MaxLength ?? 100;
                body["FormatName"] = new JsonObject { ["Value"] = "Text" };
                break;
            case "Memo":
                body["@odata.type"] = "Microsoft.Dynamics.CRM.MemoAttributeMetadata";
                body["MaxLength"] = column.MaxLength ?? 1_048_576;
                body["Format"] = "TextArea";
                break;
            case "Decimal":
                body["@odata.type"] = "Microsoft.Dynamics.CRM.DecimalAttributeMetadata";
                body["Precision"] = column.Precision ?? 2;
                body["MinValue"] = -100000;
                body["MaxValue"] = 100000;
                break;
            case "Money":
                body["@odata.type"] = "Microsoft.Dynamics.CRM.MoneyAttributeMetadata";
                body["Precision"] = column.Precision ?? 2;
                body["PrecisionSource"] = 2;
                break;
            case "Integer":
                body["@odata.type"] = "Microsoft.Dynamics.CRM.IntegerAttributeMetadata";
                body["Format"] = "None";
                body["MinValue"] = 0;
                body["MaxValue"] = 2147483647;
                break;
            case "DateOnly":
                body["@odata.type"] = "Microsoft.Dynamics.CRM.DateTimeAttributeMetadata";
                body["Format"] = "DateOnly";
                body["DateTimeBehavior"] = new JsonObject { ["Value"] = "DateOnly" };
                break;
            case "Picklist":
                var labels = column.Name.Contains("rank", StringComparison.Ordinal) ? RankLabels : PriorityLabels;
                body["@odata.type"] = "Microsoft.Dynamics.CRM.PicklistAttributeMetadata";
                body["OptionSet"] = new JsonObject
                {
                    ["@odata.type"] = "Microsoft.Dynamics.CRM.OptionSetMetadata",
                    ["IsGlobal"] = false,
                    ["OptionSetType"] = "Picklist",
                    ["Options"] = new JsonArray([.. labels.Select((l, i) => (JsonNode)new JsonObject { ["Value"] = KarteRowMapper.ChoiceBase + i, ["Label"] = Label(l) })]),
                };
                break;
        }

        return body;
    }
}
