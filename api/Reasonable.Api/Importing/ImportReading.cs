using Microsoft.AspNetCore.Http.HttpResults;
using Reasonable.Api.Auth;
using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Importing;

/// <summary>
/// An uploaded file recognised and read into <see cref="ImportedAccount"/>s, or the problem that refuses it: a kind
/// nobody knows (400), a file that is no kind Reasonable imports, another network's file, a malformed one (422), or one
/// too large to read (413). Every refusal is a sentence naming what is wrong, with the line or row where it can.
/// </summary>
public sealed record ImportReading(
    string Kind, string Description, IReadOnlyList<ImportedAccount> Accounts, IReadOnlyList<string> UnknownFields, ProblemHttpResult? Problem)
{
    public static ImportReading Read(
        UploadedFile file, string? kind, IReadOnlyList<IRelationFileFormat> formats, UserKeyRing keys, UserRow user, ISocialProvider provider, ProviderDirectory providers)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(providers);
        var name = provider.Info.DisplayName;
        var known = new[] { ReasonableExportFormat.Kind }.Concat(formats.Select(format => format.Kind)).ToList();
        if (kind is not null && !known.Contains(kind, StringComparer.Ordinal))
        {
            return Refused(Http.Problems.Invalid("kind", $"kind must be one of: {string.Join(", ", known)} (or left out, to recognise the file by its content)."));
        }

        try
        {
            if (kind == ReasonableExportFormat.Kind || (kind is null && ReasonableExportFormat.Recognizes(file)))
            {
                var export = ReasonableExportFormat.Read(file, provider.IsValidAccountId);
                if (OtherOwner(export, keys, user, provider, providers) is { } problem)
                {
                    return Refused(problem);
                }

                return new ImportReading(ReasonableExportFormat.Kind, ReasonableExportFormat.Description, export.Accounts, export.UnknownFields, null);
            }

            var format = kind is null ? formats.FirstOrDefault(candidate => candidate.Recognizes(file)) : formats.First(candidate => candidate.Kind == kind);
            if (format is null)
            {
                return Refused(Unprocessable(
                    "import-file-unknown",
                    "This is not a file Reasonable imports",
                    $"Reasonable imports its own JSON export, {string.Join(", ", formats.Select(f => f.Description).Distinct())}; this file is none of them."));
            }

            if (format.Provider != user.Provider)
            {
                return Refused(Unprocessable(
                    "import-file-other-network",
                    "This file is from another network",
                    $"This is {format.Description}, but you signed in with {name}: its accounts are not on {name}. Import a file from {name}."));
            }

            return new ImportReading(format.Kind, format.Description, [.. format.Read(file).Select(ImportedAccount.From)], [], null);
        }
        catch (RelationFileException exception)
        {
            return Refused(exception.TooLarge
                ? ImportUpload.TooLarge(exception.Message)
                : Unprocessable("import-file-unreadable", "The file cannot be imported", exception.Message));
        }
    }

    /// <summary>An export of another network, or (on networks with servers, whose ids are per server) of another server.</summary>
    private static ProblemHttpResult? OtherOwner(ReasonableExport export, UserKeyRing keys, UserRow user, ISocialProvider provider, ProviderDirectory providers)
    {
        var name = provider.Info.DisplayName;
        if (export.Provider != user.Provider)
        {
            var theirs = providers.Find(export.Provider)?.Info.DisplayName ?? export.Provider;
            return Unprocessable(
                "import-file-other-network",
                "This export is from another network",
                $"This Reasonable export is of a {theirs} account, but you signed in with {name}: its accounts are not on {name}. Import an export made while signed in with {name}.");
        }

        var handle = SignInService.OpenHandle(keys, user);
        if (provider.Info.NeedsInstance && Server(export.Handle) is { } exported && Server(handle) is { } own
            && !exported.Equals(own, StringComparison.OrdinalIgnoreCase))
        {
            return Unprocessable(
                "import-file-other-network",
                "This export is from another server",
                $"This Reasonable export is of an account on another server than yours: account ids differ from server to server, so its accounts would not match. Import an export made on your own server.");
        }

        return null;
    }

    private static string? Server(string? handle) =>
        handle?.LastIndexOf('@') is { } at && at > 0 && at < handle.Length - 1 ? handle[(at + 1)..] : null;

    private static ImportReading Refused(ProblemHttpResult problem) => new(string.Empty, string.Empty, [], [], problem);

    private static ProblemHttpResult Unprocessable(string type, string title, string detail) =>
        ImportUpload.Problem(StatusCodes.Status422UnprocessableEntity, type, title, detail);
}
