using Npgsql;
using Reasonable.Api.Data;

namespace Reasonable.Tests.Data;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void ToConnectionString_ReadsEveryPartOfAUrl()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            DatabaseUrl.ToConnectionString("postgres://app%40x:p%3Ass@db.example:6543/reasonable?sslmode=require"));

        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("reasonable", builder.Database);
        Assert.Equal("app@x", builder.Username);
        Assert.Equal("p:ss", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
    }

    [Fact]
    public void ToConnectionString_DefaultsThePort()
    {
        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("postgresql://u:p@h/d")).Port);
    }

    [Fact]
    public void ToConnectionString_AcceptsKeyValueForm()
    {
        Assert.Equal("h", new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("Host=h;Database=d")).Host);
    }
}
