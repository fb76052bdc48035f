namespace Reasonable.Sandbox.Mastodon.Instances;

/// <summary>Switches that make an instance behave like an older Mastodon (set with <c>PUT /_sandbox/modes</c>).</summary>
public sealed class InstanceModes
{
    private volatile bool preFourThree;
    private volatile bool listTitleLimit = true;

    /// <summary>Before 4.3: no OAuth metadata (404), no PKCE, no <c>profile</c> scope, version 4.2.10.</summary>
    public bool PreFourThree
    {
        get => preFourThree;
        set => preFourThree = value;
    }

    /// <summary>The 256-character list title limit, which arrived with 4.3.18 / 4.4.12 / 4.5.5.</summary>
    public bool ListTitleLimit
    {
        get => listTitleLimit;
        set => listTitleLimit = value;
    }

    /// <summary>The version <c>/api/v2/instance</c> reports, consistent with the switches.</summary>
    public string Version => PreFourThree ? "4.2.10" : ListTitleLimit ? "4.5.5" : "4.3.17";

    public void Reset()
    {
        PreFourThree = false;
        ListTitleLimit = true;
    }
}
