namespace PartnerKarte.Emulators.Dataverse;

/// <summary>The filter text is not valid OData; <see cref="Exception.Message"/> is Dataverse's wording.</summary>
public sealed class ODataSyntaxException(string message) : Exception(message);
