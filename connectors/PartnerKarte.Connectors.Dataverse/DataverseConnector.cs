using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerKarte.Sync;

namespace PartnerKarte.Connectors.Dataverse;

/// <summary>
/// The karte connector for Dynamics 365 / Dataverse over the Web API (OData v4): account = company, contact = rep,
/// opportunity = proposal, phonecall/appointment/email/task regarding a contact = interaction. Enrichment is written
/// to the <c>pk_</c> columns through <c>$batch</c>; the mapping is checked against the environment's metadata first.
/// </summary>
public sealed partial class DataverseConnector : KarteConnector, IDisposable
{
    private readonly DataverseOptions _options;
    private readonly DataverseWebApi _api;
    private readonly DataverseTokenProvider _tokens;
    private readonly KarteRowMapper _mapper;
    private readonly LookupCache _cache;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly HttpMessageInvoker? _pipeline;
    private readonly SemaphoreSlim _readyLock = new(1, 1);
    private Dictionary<string, bool>? _changeTracking;

    /// <summary>Creates the connector; the options are validated here.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="httpClient">The HttpClient to use; one is created when null. The connector runs its resilience pipeline (<see cref="DataverseResilience"/>) around it.</param>
    /// <param name="timeProvider">Clock for token expiry and retry waits.</param>
    /// <param name="logger">Logger; receives no tokens, secrets or record values.</param>
    /// <exception cref="DataverseConfigurationException">The options are invalid.</exception>
    public DataverseConnector(DataverseOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null, ILogger<DataverseConnector>? logger = null)
        : this(options, httpClient, timeProvider, logger, pipelineIncluded: false)
    {
    }

    /// <summary>Creates the connector over an HttpClient that may already run the Dataverse pipeline (the one <c>AddDataverse</c> registers).</summary>
    internal DataverseConnector(DataverseOptions options, HttpClient? httpClient, TimeProvider? timeProvider, ILogger<DataverseConnector>? logger, bool pipelineIncluded)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownsHttp = httpClient is null;
        // No affinity cookie: spreads load over the environment's web servers (Microsoft's guidance for non-interactive clients).
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = options.ConnectTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt is bounded by the pipeline's timeout (RequestTimeout)
        };
        var time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _tokens = new DataverseTokenProvider(_http, options, time, Usage);
        _pipeline = pipelineIncluded && httpClient is not null ? null : DataverseWebApi.WithPipeline(_http, options, time, _logger);
        _api = new DataverseWebApi(_pipeline ?? _http, options, _tokens, time, _logger, Usage);
        _mapper = new KarteRowMapper(options.Mapping);
        _cache = new LookupCache(_api, options.Mapping);
    }

    /// <inheritdoc />
    public override string Name => "dataverse";

    /// <inheritdoc />
    public override string StateKey => "dataverse:" + _options.EnvironmentUrl!.Authority;

    /// <inheritdoc />
    public override ConnectorCapabilities Capabilities => new()
    {
        MaxBatchSize = _options.BatchSize,
        MaxParallelism = _api.DegreeOfParallelism,
        SupportsDelta = true,
        SupportsDeletions = _options.UseChangeTracking && (_changeTracking?.Values.All(t => t) ?? true),
        SupportsKarteUpsert = true,
        SupportsBulk = false,
        SupportsOperations = true,
        ChangeFeedEchoesWrites = true,
    };

    /// <summary>HTTP requests sent to the Web API so far (token requests excluded).</summary>
    internal int RequestCount => _api.RequestCount;

    /// <summary>Token requests made so far.</summary>
    internal int TokenRequestCount => _tokens.RequestCount;

    /// <summary>The problems the last metadata check found (empty when it passed or has not run); a caller tells configuration from outage by it.</summary>
    public IReadOnlyList<string> ConfigurationProblems { get; private set; } = [];

    /// <summary>
    /// Checks the mapping against the environment's metadata: every mapped column exists with a usable type and the
    /// external id has an alternate key on each table. Runs once before the first read or write.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="DataverseConfigurationException">Columns or keys are missing or of the wrong type; all are listed.</exception>
    public async Task ValidateMappingAsync(CancellationToken cancellationToken = default)
    {
        var (problems, tracking) = await InspectAsync(cancellationToken).ConfigureAwait(false);
        ConfigurationProblems = problems;
        if (problems.Count > 0)
        {
            throw new DataverseConfigurationException(problems);
        }

        _changeTracking = tracking;
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_changeTracking is not null)
        {
            return;
        }

        await _readyLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_changeTracking is null)
            {
                await ValidateMappingAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _readyLock.Release();
        }
    }

    private async Task<(List<string> Problems, Dictionary<string, bool> Tracking)> InspectAsync(CancellationToken cancellationToken)
    {
        _ = await _api.GetJsonAsync("WhoAmI", "WhoAmI", cancellationToken).ConfigureAwait(false); // also reads x-ms-dop-hint
        var problems = new List<string>();
        var tracking = new Dictionary<string, bool>(StringComparer.Ordinal);
        var required = ColumnCatalog.For(_options.Mapping);
        foreach (var table in ColumnCatalog.KeyedTables)
        {
            var entity = await _api.GetJsonAsync($"EntityDefinitions(LogicalName='{table}')?$select=LogicalName,ChangeTrackingEnabled", "metadata " + table, cancellationToken).ConfigureAwait(false);
            tracking[table] = entity["ChangeTrackingEnabled"]?.GetValue<bool>() ?? false;
            var attributes = await _api.GetJsonAsync($"EntityDefinitions(LogicalName='{table}')/Attributes?$select=LogicalName,AttributeType", "metadata " + table, cancellationToken).ConfigureAwait(false);
            var types = (attributes["value"] as JsonArray ?? []).OfType<JsonObject>()
                .ToDictionary(a => a["LogicalName"]!.GetValue<string>(), a => a["AttributeType"]?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal);
            foreach (var column in required.Where(c => c.Table == table))
            {
                if (!types.TryGetValue(column.Name, out var actual))
                {
                    problems.Add($"{table}.{column.Name} is missing: create it as {column.Type} (see Solution/partnerkarte-columns.json, or run DataverseConnector.ProvisionAsync), or map another column in Mapping.");
                }
                else if (!ColumnCatalog.Compatible(column.Type, actual))
                {
                    problems.Add($"{table}.{column.Name} is {actual}; the connector writes {column.Type} there.");
                }
            }

            foreach (var (t, name) in KarteRowMapper.StandardColumns.Where(s => s.Table == table))
            {
                if (!types.ContainsKey(name))
                {
                    problems.Add($"{t}.{name} (a standard column the mapping reads) is missing.");
                }
            }

            var keys = await _api.GetJsonAsync($"EntityDefinitions(LogicalName='{table}')/Keys", "metadata " + table, cancellationToken).ConfigureAwait(false);
            var key = (keys["value"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(k => k["KeyAttributes"] is JsonArray a && a.Count == 1 && a[0]?.GetValue<string>() == _options.Mapping.ExternalId);
            if (key is null && types.ContainsKey(_options.Mapping.ExternalId))
            {
                problems.Add($"{table}.{_options.Mapping.ExternalId} has no alternate key; upserts and writes by karte id need one.");
            }
            else if (key is not null && KarteRowMapper.Str(key, "EntityKeyIndexStatus") is { } status && status != "Active")
            {
                // Dataverse builds a key's index in a background job; until it is Active the key cannot be used.
                problems.Add($"{table}: the alternate key {KarteRowMapper.Str(key, "SchemaName") ?? _options.Mapping.ExternalId} on {_options.Mapping.ExternalId} is {status}, not Active"
                    + (status == "Failed" ? " (its index job failed: remove duplicate values and reactivate the key)." : " (its index is still being built; try again later)."));
            }

            await InspectTypedColumnsAsync(table, required.Where(c => c.Table == table && types.ContainsKey(c.Name)).ToList(), problems, cancellationToken).ConfigureAwait(false);
        }

        return (problems, tracking);
    }

    /// <summary>Date-only columns must be DateOnly (format and behaviour); choice columns must hold every value the connector writes.</summary>
    private async Task InspectTypedColumnsAsync(string table, IReadOnlyList<ColumnCatalog.Column> columns, List<string> problems, CancellationToken cancellationToken)
    {
        var dates = columns.Where(c => c.Type == "DateOnly").ToList();
        if (dates.Count > 0)
        {
            var meta = await _api.GetJsonAsync(
                $"EntityDefinitions(LogicalName='{table}')/Attributes/Microsoft.Dynamics.CRM.DateTimeAttributeMetadata?$select=LogicalName,Format,DateTimeBehavior",
                "metadata " + table, cancellationToken).ConfigureAwait(false);
            var byName = (meta["value"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(a => KarteRowMapper.Str(a, "LogicalName") ?? string.Empty, StringComparer.Ordinal);
            foreach (var c in dates.Where(d => byName.ContainsKey(d.Name)))
            {
                var a = byName[c.Name];
                var format = KarteRowMapper.Str(a, "Format");
                var behavior = (a["DateTimeBehavior"] as JsonObject)?["Value"]?.ToString();
                if (format != "DateOnly" || behavior != "DateOnly")
                {
                    problems.Add($"{table}.{c.Name} is a date-and-time column (Format {format ?? "?"}, behaviour {behavior ?? "?"}); the connector writes dates: "
                        + "recreate it as Date Only with behaviour Date Only (a column's behaviour can change to Date Only but a date-only value cannot go into a date-time column).");
                }
            }
        }

        var choices = columns.Where(c => c.Type == "Picklist").ToList();
        if (choices.Count > 0)
        {
            var meta = await _api.GetJsonAsync(
                $"EntityDefinitions(LogicalName='{table}')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)",
                "metadata " + table, cancellationToken).ConfigureAwait(false);
            var byName = (meta["value"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(a => KarteRowMapper.Str(a, "LogicalName") ?? string.Empty, StringComparer.Ordinal);
            foreach (var c in choices.Where(d => byName.ContainsKey(d.Name)))
            {
                var present = (byName[c.Name]["OptionSet"]?["Options"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(o => KarteRowMapper.Int(o, "Value")).OfType<int>().ToHashSet();
                var missing = KarteRowMapper.ChoiceValues(c.Name, _options.Mapping).Where(v => !present.Contains(v)).ToList();
                if (missing.Count > 0)
                {
                    problems.Add($"{table}.{c.Name} lacks the choice values {string.Join(", ", missing)} that the connector writes; add them to its option set.");
                }
            }
        }
    }

    /// <inheritdoc />
    public override async Task<ConnectorHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var (problems, tracking) = await InspectAsync(cancellationToken).ConfigureAwait(false);
            ConfigurationProblems = problems;
            if (problems.Count == 0)
            {
                _changeTracking = tracking;
            }

            return new ConnectorHealth(problems);
        }
        catch (CrmRequestException e)
        {
            return new ConnectorHealth([e.Message]);
        }
        catch (HttpRequestException e) when (DataverseWebApi.IsUnreachable(e))
        {
            return new ConnectorHealth([$"Unreachable: {e.Message}"]);
        }
        catch (HttpRequestException e)
        {
            return new ConnectorHealth([$"Cannot reach {_options.EnvironmentUrl}: {e.Message}"]);
        }
        catch (TimeoutException e)
        {
            return new ConnectorHealth([e.Message]);
        }
    }

    /// <summary>Reads the enrichment values a record holds now (for checks and tests).</summary>
    /// <param name="key">The record.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The values, or null when the record does not exist.</returns>
    public async Task<EnrichmentRecord?> ReadEnrichmentAsync(EnrichmentKey key, CancellationToken cancellationToken = default)
    {
        var table = key.Target == EnrichmentTarget.Rep ? ColumnCatalog.Contact : ColumnCatalog.Account;
        var columns = _mapper.EnrichmentBody(new EnrichmentRecord { Target = key.Target, Id = key.Id }).Select(kv => kv.Key);
        var url = $"{LookupCache.SetOf(table)}({KeySegment(table, key.Id)})?$select={string.Join(',', columns)}";
        using var response = await _api.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_api.ApiRoot, url)), "read enrichment", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await DataverseWebApi.FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var row = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
        return _mapper.EnrichmentFrom(key, row);
    }

    /// <summary>
    /// The key segment addressing a record by karte id: the alternate key on the external id, or the row id when this instance
    /// has read the row and it has no external id (its karte id is then its Dataverse id).
    /// </summary>
    private string KeySegment(string table, string karteId) =>
        _cache.RowIdOf(table, karteId) is { } rowId ? ODataLiteral.Guid(rowId) : ODataLiteral.Key(_options.Mapping.ExternalId, karteId);

    /// <summary>Releases the HttpClient when the connector created it.</summary>
    public void Dispose()
    {
        _pipeline?.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        _readyLock.Dispose();
    }
}
