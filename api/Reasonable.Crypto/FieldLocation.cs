namespace Reasonable.Crypto;

/// <summary>Where an encrypted value lives. It is bound into the ciphertext, so a value moved elsewhere fails to open.</summary>
public readonly record struct FieldLocation(string Table, string Column, Guid RowId);
