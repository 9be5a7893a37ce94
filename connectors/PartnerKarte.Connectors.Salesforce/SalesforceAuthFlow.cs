namespace PartnerKarte.Connectors.Salesforce;

/// <summary>How the connector authenticates.</summary>
public enum SalesforceAuthFlow
{
    /// <summary>Chosen from the options given: access token, JWT certificate, username+password, else client credentials.</summary>
    Auto = 0,

    /// <summary>OAuth client credentials (connected app with a run-as user; needs the My Domain URL).</summary>
    ClientCredentials = 1,

    /// <summary>OAuth JWT bearer with a certificate's private key.</summary>
    JwtBearer = 2,

    /// <summary>OAuth username-password (password plus security token).</summary>
    Password = 3,

    /// <summary>A given access token with its instance URL (no refresh possible).</summary>
    AccessToken = 4,
}
