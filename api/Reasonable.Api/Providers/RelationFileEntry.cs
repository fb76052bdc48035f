namespace Reasonable.Api.Providers;

/// <summary>
/// One account and one relation as a file states it. A file names the account by its id on the provider, by its
/// handle, or both; <see cref="Line"/> is where in the file (line, row or array position, counted from 1) it was.
/// </summary>
public sealed record RelationFileEntry(int Line, string? AccountId, string? Handle, Relation Relation);
