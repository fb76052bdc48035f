namespace Reasonable.Api.Data;

/// <summary>The Npgsql connection string built from DATABASE_URL (migrations need it; queries use the data source).</summary>
public sealed record DatabaseConnection(string ConnectionString);
