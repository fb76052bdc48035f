using System.Globalization;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Reasonable.Clients.Kiota.Generated;
using Reasonable.Clients.Kiota.Generated.Api.Export;
using Reasonable.Clients.Kiota.Generated.Models;

namespace Reasonable.Clients.Kiota;

/// <summary>
/// The README's notes flow through Kiota's generated client: a personal token, accounts, reasons, a list paged with
/// nextCursor, an edit with If-Match, a stale edit's 412 with the current reason, a delete, and both exports. Each step
/// checks what the API answered and says so; the first surprise throws.
/// </summary>
internal static class NotesFlow
{
    public static async Task<IReadOnlyList<string>> RunAsync(Uri api, string sessionToken)
    {
        var done = new List<string>();
        using var signedInAdapter = Adapter(api, sessionToken);
        var created = await new ReasonableClient(signedInAdapter).Api.Tokens.PostAsync(new CreatePersonalTokenRequest { Name = "generated client", ExpiresInDays = 1 });
        Check(created?.Token is not null, "the personal token was not in the answer");
        done.Add($"personal token {created!.Id} until {created.ExpiresAt:yyyy-MM-dd}");

        using var adapter = Adapter(api, created.Token!);
        var client = new ReasonableClient(adapter);
        var tag = $"flow-{Guid.NewGuid():N}"[..16];
        var firstId = Random.Shared.NextInt64(1_000_000_000_000, 9_000_000_000_000);
        var reasons = new List<ReasonResponse>();
        for (var i = 0; i < 3; i++)
        {
            var account = await client.Api.Accounts.PostAsync(new CreateAccountRequest
            {
                ProviderAccountId = (firstId + i).ToString(CultureInfo.InvariantCulture),
                Handle = $"flow{firstId + i}",
            });
            reasons.Add((await client.Api.Reasons.PostAsync(new CreateReasonRequest
            {
                AccountId = account!.Id,
                Action = CreateReasonRequest_action.Block,
                Text = $"Spam reply number {i}",
                Tags = [tag],
            }))!);
        }

        done.Add($"3 accounts, each with a reason tagged {tag}");

        var firstPage = await client.Api.Accounts.GetAsync(request =>
        {
            request.QueryParameters.Tag = tag;
            request.QueryParameters.Limit = 2;
        });
        Check(firstPage?.Items?.Count == 2 && firstPage.NextCursor is not null, $"the first page of 2 has {firstPage?.Items?.Count} items and nextCursor {firstPage?.NextCursor ?? "null"}");
        var secondPage = await client.Api.Accounts.GetAsync(request =>
        {
            request.QueryParameters.Tag = tag;
            request.QueryParameters.Limit = 2;
            request.QueryParameters.Cursor = firstPage!.NextCursor;
        });
        Check(secondPage?.Items?.Count == 1 && secondPage.NextCursor is null, $"the second page has {secondPage?.Items?.Count} items and nextCursor {secondPage?.NextCursor ?? "null"}");
        var listed = firstPage!.Items!.Concat(secondPage!.Items!).Select(item => item.Id).Distinct().Count();
        Check(listed == 3, $"the two pages list {listed} distinct accounts, not 3");
        done.Add("listed them 2 a page: the second page came from nextCursor and ended the list");

        var reason = reasons[0];
        var item = client.Api.Reasons[reason.Id!.Value];
        var edited = await item.PutAsync(
            new UpdateReasonRequest { Action = UpdateReasonRequest_action.Block, Text = "Spam reply, edited", Tags = [tag, "edited"] },
            request => request.Headers.Add("If-Match", $"\"{reason.Version}\""));
        Check(edited?.Version == reason.Version + 1 && edited?.Text == "Spam reply, edited", $"the edit answered version {edited?.Version} with text '{edited?.Text}'");
        done.Add($"edited with If-Match \"{reason.Version}\": now version {edited!.Version}");

        try
        {
            await item.PutAsync(
                new UpdateReasonRequest { Action = UpdateReasonRequest_action.Other, Text = "A stale edit", Tags = [] },
                request => request.Headers.Add("If-Match", $"\"{reason.Version}\""));
            throw new InvalidOperationException("a stale edit was accepted");
        }
        catch (VersionConflictProblem stale) when (stale.ResponseStatusCode == 412)
        {
            ReasonResponse? current = stale.Current;
            Check(current?.Version == edited.Version && current?.Text == edited.Text, $"the 412's current reason is version {current?.Version}, '{current?.Text}'");
            done.Add($"a stale edit answered 412 with the current reason as a typed ReasonResponse (version {current!.Version})");
        }

        await item.DeleteAsync(request => request.Headers.Add("If-Match", $"\"{edited.Version}\""));
        try
        {
            await item.GetAsync();
            throw new InvalidOperationException("the deleted reason still answers");
        }
        catch (Problem gone) when (gone.ResponseStatusCode == 404)
        {
            done.Add($"deleted it with If-Match \"{edited.Version}\": it answers 404");
        }

        var json = await client.Api.Export.GetAsync(request => request.QueryParameters.Format = GetFormatQueryParameterType.Json);
        var exported = json?.Accounts?.SelectMany(account => account.Reasons ?? []).Select(exportedReason => exportedReason.Text).ToHashSet() ?? [];
        Check(exported.Contains("Spam reply number 1") && exported.Contains("Spam reply number 2"), "the JSON export lacks a reason");
        // Kiota types the operation by its JSON body; the CSV export is the same request, sent for its raw body.
        var csvRequest = client.Api.Export.ToGetRequestInformation(request => request.QueryParameters.Format = GetFormatQueryParameterType.Csv);
        csvRequest.Headers.TryAdd("Accept", "text/csv");
        var csv = await Text(await adapter.SendPrimitiveAsync<Stream>(csvRequest));
        Check(csv.Contains("Spam reply number 1", StringComparison.Ordinal), "the CSV export lacks a reason");
        done.Add($"exported JSON as a typed ExportDocument ({json!.Accounts!.Count} accounts) and CSV ({csv.Split('\n').Length - 1} lines)");
        return done;
    }

    private static HttpClientRequestAdapter Adapter(Uri api, string token) =>
        new(new BaseBearerTokenAuthenticationProvider(new BearerToken(token, api.Host))) { BaseUrl = api.AbsoluteUri.TrimEnd('/') };

    private static async Task<string> Text(Stream? stream)
    {
        Check(stream is not null, "the export had no body");
        using var reader = new StreamReader(stream!);
        return await reader.ReadToEndAsync();
    }

    private static void Check(bool condition, string whenNot)
    {
        if (!condition)
        {
            throw new InvalidOperationException(whenNot);
        }
    }
}
