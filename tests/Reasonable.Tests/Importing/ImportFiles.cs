using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Importing;

/// <summary>Files to import, made the way each network writes them, and the upload of one to POST /api/imports.</summary>
public static class ImportFiles
{
    public const string Route = "/api/imports";

    /// <summary>An X archive section: <c>window.YTD.block.part0 = [ … ]</c> with one element per id.</summary>
    public static string XSection(string section, string key, params string[] ids) =>
        $"window.YTD.{section}.part0 = [ "
        + string.Join(", ", ids.Select(id => $"{{\n  \"{key}\" : {{\n    \"accountId\" : \"{id}\",\n    \"userLink\" : \"https://twitter.com/intent/user?user_id={id}\"\n  }}\n}}"))
        + " ]";

    public static string XBlocks(params string[] ids) => XSection("block", "blocking", ids);

    /// <summary>A zip whose entries are these (name, text) pairs.</summary>
    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    public static Task<HttpResponseMessage> UploadAsync(Browser browser, string token, byte[] file, bool preview = false, string? kind = null, string fileName = "upload")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        if (kind is not null)
        {
            form.Add(new StringContent(kind), "kind");
        }

        return browser.SendAsync(HttpMethod.Post, Route + (preview ? "?preview=true" : string.Empty), token, form);
    }

    public static Task<HttpResponseMessage> UploadAsync(Browser browser, string token, string file, bool preview = false, string? kind = null) =>
        UploadAsync(browser, token, Encoding.UTF8.GetBytes(file), preview, kind);

    /// <summary>Uploads and expects the import's answer (200).</summary>
    public static async Task<JsonElement> ImportAsync(Browser browser, string token, byte[] file, bool preview = false, string? kind = null)
    {
        using var response = await UploadAsync(browser, token, file, preview, kind);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import: expected 200, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static Task<JsonElement> ImportAsync(Browser browser, string token, string file, bool preview = false, string? kind = null) =>
        ImportAsync(browser, token, Encoding.UTF8.GetBytes(file), preview, kind);

    /// <summary>Uploads and expects a problem with this status and type; returns it.</summary>
    public static async Task<JsonElement> RefusedAsync(Browser browser, string token, byte[] file, HttpStatusCode status, string type, string? kind = null)
    {
        using var response = await UploadAsync(browser, token, file, kind: kind);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"import: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var problem = document.RootElement.Clone();
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "a refusal must say what is wrong");
        return problem;
    }

    public static Task<JsonElement> RefusedAsync(Browser browser, string token, string file, HttpStatusCode status, string type, string? kind = null) =>
        RefusedAsync(browser, token, Encoding.UTF8.GetBytes(file), status, type, kind);

    /// <summary>(added, matched, skipped) of an import's answer.</summary>
    public static (int Added, int Matched, int Skipped) Counts(JsonElement result) =>
        (result.GetProperty("added").GetInt32(), result.GetProperty("matched").GetInt32(), result.GetProperty("skipped").GetInt32());

    /// <summary>Rows of the user's in accounts and reasons, straight from the database.</summary>
    public static async Task<(long Accounts, long Reasons)> RowsAsync(string connectionString, Guid userId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (select count(*) from accounts where user_id = $1), (select count(*) from reasons where user_id = $1)", connection);
        command.Parameters.AddWithValue(userId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The caller's accounts (first page of up to 200), by provider id.</summary>
    public static async Task<Dictionary<string, JsonElement>> AccountsAsync(Browser browser, string token, string query = "")
    {
        var page = await browser.ExpectJsonAsync(HttpMethod.Get, "/api/accounts?limit=200" + query, token, null, HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToDictionary(item => item.GetProperty("providerAccountId").GetString()!, item => item);
    }
}
