using System.Data;
using Dapper;
using Reasonable.Crypto;

namespace Reasonable.Api.Data;

/// <summary>Lets repositories read and write <see cref="Ciphertext"/> columns (bytea) directly.</summary>
public sealed class CiphertextTypeHandler : SqlMapper.TypeHandler<Ciphertext>
{
    public override Ciphertext Parse(object value) => new((byte[])value);

    public override void SetValue(IDbDataParameter parameter, Ciphertext? value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.DbType = DbType.Binary;
        parameter.Value = value is null ? DBNull.Value : value.ToArray();
    }
}
