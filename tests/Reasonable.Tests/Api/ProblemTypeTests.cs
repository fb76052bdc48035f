using System.Net;
using System.Text.RegularExpressions;
using Reasonable.Api.Http;
using Reasonable.Tests.Auth;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Api;

/// <summary>
/// A problem's type is an address a person can open: every type in the catalogue (Http/ProblemTypes) has a page
/// there, and docs/problems.md lists exactly the catalogue.
/// </summary>
[Collection(SignInTests.Name)]
public sealed partial class ProblemTypeTests(SignInServers servers)
{
    [Fact]
    public async Task EveryProblemType_IsAPage_ThatExplainsIt()
    {
        foreach (var type in ProblemTypes.All)
        {
            using var response = await servers.Api.Client.GetAsync(new Uri(type.Uri, UriKind.Relative));
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{type.Uri} answered {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(type.Title), page, StringComparison.Ordinal);
            Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(type.Explanation), page, StringComparison.Ordinal);
            Assert.True(response.Headers.Contains("Content-Security-Policy"), $"{type.Uri} has no Content-Security-Policy");
        }
    }

    [Fact]
    public async Task AnUnknownProblemType_IsA404Page()
    {
        using var response = await servers.Api.Client.GetAsync(new Uri("/problems/no-such-problem", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheCataloguePage_ListsEveryType()
    {
        var page = await servers.Api.Client.GetStringAsync(new Uri("/problems", UriKind.Relative));

        Assert.All(ProblemTypes.All, type => Assert.Contains(type.Uri, page, StringComparison.Ordinal));
    }

    [Fact]
    public void DocsProblems_ListsExactlyTheCatalogue()
    {
        var listed = TypeRow().Matches(File.ReadAllText(RepositoryRoot.Combine("docs", "problems.md")))
            .Select(match => match.Groups[1].Value)
            .ToList();

        Assert.Equal(ProblemTypes.All.Select(type => type.Name), listed);
    }

    [Fact]
    public void ProblemTypeNames_AreUnique()
    {
        var repeated = ProblemTypes.All.GroupBy(type => type.Name).Where(group => group.Count() > 1).Select(group => group.Key);

        Assert.Empty(repeated);
    }

    [GeneratedRegex(@"^\| `/problems/([a-z-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TypeRow();
}
