using Reasonable.Api.Data;

namespace Reasonable.Api.Reasons;

/// <summary>A reason opened for one request: its row (ids, version, times) and decrypted content.</summary>
public sealed record ReasonView(ReasonRow Row, ReasonContent Content);
