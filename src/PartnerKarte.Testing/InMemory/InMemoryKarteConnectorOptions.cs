using System.ComponentModel.DataAnnotations;

namespace PartnerKarte.Testing;

/// <summary>Options of an <see cref="InMemoryKarteConnector"/>.</summary>
/// <threadsafety>Read once by the connector's constructor; do not change an instance after handing it over.</threadsafety>
public sealed class InMemoryKarteConnectorOptions
{
    /// <summary>Gets or sets the connector's <see cref="Sync.KarteConnector.Name"/>, also its state key.</summary>
    /// <value>The default value is <c>memory</c>.</value>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9-]*$", ErrorMessage = "The name is lower-case letters, digits and dashes.")]
    public string Name { get; set; } = "memory";

    /// <summary>Gets or sets how many records one page of the change feed carries at most.</summary>
    /// <value>The default value is 100. Small pages exercise a sync's paging and resume paths.</value>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Gets or sets the most enrichment records per write call the connector advertises.</summary>
    /// <value>The default value is 200, the size of a Salesforce collection call.</value>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 200;
}
