using System.Net;
using System.Text.Json;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Keys;

/// <summary>Waits for a data-key rotation through GET /api/keys, as a client would.</summary>
public static class DataKeyRotationStatus
{
    /// <summary>Polls GET /api/keys until the latest data-key rotation finished; returns it, or fails with the last status.</summary>
    public static async Task<JsonElement> WaitUntilFinishedAsync(Browser browser, string token)
    {
        ArgumentNullException.ThrowIfNull(browser);
        JsonElement rotation = default;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            rotation = (await browser.ExpectJsonAsync(HttpMethod.Get, "/api/keys", token, null, HttpStatusCode.OK)).GetProperty("dataKeyRotation");
            if (rotation.ValueKind == JsonValueKind.Object && rotation.GetProperty("finishedAt").ValueKind != JsonValueKind.Null)
            {
                return rotation;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The data-key rotation did not finish; the last status was {rotation}");
        return rotation;
    }
}
