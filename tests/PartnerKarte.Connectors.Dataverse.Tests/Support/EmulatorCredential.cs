using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using PartnerKarte.Emulators.Dataverse;

namespace PartnerKarte.Connectors.Dataverse.Tests.Support;

/// <summary>
/// A caller-supplied Azure.Identity <see cref="TokenCredential"/> (as a managed or workload identity would be) that takes its
/// tokens from the emulator's token endpoint, recording the scopes asked for.
/// </summary>
public sealed class EmulatorCredential(DataverseEmulator emulator) : TokenCredential
{
    private static readonly HttpClient Http = new();
    private readonly List<string> _scopes = [];

    public IReadOnlyList<string> Scopes
    {
        get
        {
            lock (_scopes)
            {
                return [.. _scopes];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_scopes)
        {
            _scopes.AddRange(requestContext.Scopes);
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = emulator.Options.ClientId,
            ["client_secret"] = emulator.Options.ClientSecret,
            ["scope"] = string.Join(' ', requestContext.Scopes),
        });
        using var response = await Http.PostAsync(emulator.TokenUri, form, cancellationToken);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        return new AccessToken(json["access_token"]!.GetValue<string>(), DateTimeOffset.UtcNow.AddSeconds(json["expires_in"]!.GetValue<int>()));
    }
}
