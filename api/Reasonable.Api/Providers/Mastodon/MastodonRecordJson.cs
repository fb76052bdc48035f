using System.Text.Json.Serialization;

namespace Reasonable.Api.Providers.Mastodon;

/// <summary>The JSON of what the Mastodon provider keeps for itself: access, a started sign-in, an app registration.</summary>
[JsonSerializable(typeof(MastodonAccess))]
[JsonSerializable(typeof(MastodonSignInSecret))]
[JsonSerializable(typeof(MastodonApp))]
internal sealed partial class MastodonRecordJson : JsonSerializerContext;
