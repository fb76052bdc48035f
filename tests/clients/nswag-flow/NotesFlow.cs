using System.Globalization;

namespace Reasonable.Clients.NSwag;

/// <summary>
/// The README's notes flow through NSwag's generated client (either JSON library): a personal token, accounts, reasons,
/// a list paged with nextCursor, an edit with If-Match, a stale edit's 412 with the current reason, a delete, and both
/// exports. Each step checks what the API answered and says so; the first surprise throws.
/// </summary>
internal static class NotesFlow
{
    public static async Task<IReadOnlyList<string>> RunAsync(Uri api, string sessionToken)
    {
        var done = new List<string>();
        using var signedInHttp = Http(api, sessionToken);
        var created = await new ReasonableClient(signedInHttp) { BaseUrl = api.AbsoluteUri }
            .CreatePersonalTokenAsync(new CreatePersonalTokenRequest { Name = "generated client", ExpiresInDays = 1 });
        done.Add($"personal token {created.Id} until {created.ExpiresAt:yyyy-MM-dd}");

        using var http = Http(api, created.Token);
        var client = new ReasonableClient(http) { BaseUrl = api.AbsoluteUri };
        var tag = $"flow-{Guid.NewGuid():N}"[..16];
        var firstId = Random.Shared.NextInt64(1_000_000_000_000, 9_000_000_000_000);
        var reasons = new List<ReasonResponse>();
        for (var i = 0; i < 3; i++)
        {
            var account = await client.CreateAccountAsync(new CreateAccountRequest
            {
                ProviderAccountId = (firstId + i).ToString(CultureInfo.InvariantCulture),
                Handle = $"flow{firstId + i}",
            });
            reasons.Add(await client.CreateReasonAsync(new CreateReasonRequest
            {
                AccountId = account.Id,
                Action = CreateReasonRequestAction.Block,
                Text = $"Spam reply number {i}",
                Tags = [tag],
            }));
        }

        done.Add($"3 accounts, each with a reason tagged {tag}");

        var firstPage = await client.ListAccountsAsync(null, tag, null, null, null, null, 2, null);
        Check(firstPage.Items.Count == 2 && firstPage.NextCursor is not null, $"the first page of 2 has {firstPage.Items.Count} items and nextCursor {firstPage.NextCursor ?? "null"}");
        var secondPage = await client.ListAccountsAsync(null, tag, null, null, null, null, 2, firstPage.NextCursor);
        Check(secondPage.Items.Count == 1 && secondPage.NextCursor is null, $"the second page has {secondPage.Items.Count} items and nextCursor {secondPage.NextCursor ?? "null"}");
        var listed = firstPage.Items.Concat(secondPage.Items).Select(item => item.Id).Distinct().Count();
        Check(listed == 3, $"the two pages list {listed} distinct accounts, not 3");
        done.Add("listed them 2 a page: the second page came from nextCursor and ended the list");

        var reason = reasons[0];
        var edited = await client.UpdateReasonAsync(reason.Id, $"\"{reason.Version}\"", new UpdateReasonRequest
        {
            Action = UpdateReasonRequestAction.Block,
            Text = "Spam reply, edited",
            Tags = [tag, "edited"],
        });
        Check(edited.Version == reason.Version + 1 && edited.Text == "Spam reply, edited", $"the edit answered version {edited.Version} with text '{edited.Text}'");
        done.Add($"edited with If-Match \"{reason.Version}\": now version {edited.Version}");

        try
        {
            await client.UpdateReasonAsync(reason.Id, $"\"{reason.Version}\"", new UpdateReasonRequest { Action = UpdateReasonRequestAction.Other, Text = "A stale edit", Tags = [] });
            throw new InvalidOperationException("a stale edit was accepted");
        }
        catch (ApiException<VersionConflictProblem> stale) when (stale.StatusCode == 412)
        {
            ReasonResponse current = stale.Result.Current;
            Check(current.Version == edited.Version && current.Text == edited.Text, $"the 412's current reason is version {current.Version}, '{current.Text}'");
            done.Add($"a stale edit answered 412 with the current reason as a typed ReasonResponse (version {current.Version})");
        }

        await client.DeleteReasonAsync(reason.Id, $"\"{edited.Version}\"");
        try
        {
            await client.GetReasonAsync(reason.Id);
            throw new InvalidOperationException("the deleted reason still answers");
        }
        catch (ApiException gone) when (gone.StatusCode == 404)
        {
            done.Add($"deleted it with If-Match \"{edited.Version}\": it answers 404");
        }

        var json = await client.ExportDataAsync(Format.Json);
        var exported = json.Accounts.SelectMany(account => account.Reasons).Select(exportedReason => exportedReason.Text).ToHashSet();
        Check(exported.Contains("Spam reply number 1") && exported.Contains("Spam reply number 2"), "the JSON export lacks a reason");
        // NSwag makes one result type per operation, the JSON export's: the CSV export is read with the client's HttpClient.
        var csv = await http.GetStringAsync(new Uri(api, "api/export?format=csv"));
        Check(csv.Contains("Spam reply number 1", StringComparison.Ordinal), "the CSV export lacks a reason");
        done.Add($"exported JSON as a typed ExportDocument ({json.Accounts.Count} accounts) and CSV ({csv.Split('\n').Length - 1} lines)");
        return done;
    }

    private static HttpClient Http(Uri api, string token)
    {
        var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static void Check(bool condition, string whenNot)
    {
        if (!condition)
        {
            throw new InvalidOperationException(whenNot);
        }
    }
}
