namespace PartnerKarte.Emulators.Dataverse;

/// <summary>One row the emulator served to a query, a delta page or a retrieve.</summary>
/// <param name="Table">The table's logical name, e.g. <c>contact</c>.</param>
/// <param name="Select">The columns the request selected (<c>$select</c>), or <see langword="null"/> for every column.</param>
/// <param name="RowId">The row's id.</param>
public sealed record RowServedEntry(string Table, IReadOnlyList<string>? Select, Guid RowId);
