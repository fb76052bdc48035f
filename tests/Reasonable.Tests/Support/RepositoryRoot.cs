namespace Reasonable.Tests.Support;

/// <summary>The checkout the tests run from: the folder holding Reasonable.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Reasonable.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tests must run inside the Reasonable checkout (no Reasonable.sln above the test binaries).");
    }
}
