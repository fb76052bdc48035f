using Reasonable.Api.Accounts;
using Reasonable.Api.Endpoints;
using Reasonable.Api.Providers;

namespace Reasonable.Tests.Accounts;

/// <summary>
/// What a relation's <c>since</c> means: the date of the action when Reasonable performed it, only when a sync first
/// saw it otherwise (a block found by a sync may be years older).
/// </summary>
public sealed class RelationStartTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly AccountDocument Bob = new("1000000002", "bob", null, null, null, null, null);

    [Fact]
    public void BlockThroughReasonable_IsDatedByTheAction()
    {
        var after = ActionEndpoints.Apply(Bob, AccountAction.Block, Monday, null);

        Assert.True(after.Blocked!.StartedByReasonable);
        Assert.Equal(Monday, after.Blocked.Since);
    }

    [Fact]
    public void RelationFoundBySync_IsOnlyFirstSeen_AndStaysSoWhenSeenAgain()
    {
        var found = RelationState.Started(Monday).SeenAt(Monday.AddDays(1));

        Assert.False(found.StartedByReasonable);
    }

    [Fact]
    public void BlockingAgainThroughReasonable_WhileASyncFoundBlockGoesOn_DoesNotPretendToDateIt()
    {
        var synced = Bob with { Blocked = RelationState.Started(Monday) };

        var after = ActionEndpoints.Apply(synced, AccountAction.Block, Monday.AddDays(3), null);

        Assert.False(after.Blocked!.StartedByReasonable);
        Assert.Equal(Monday, after.Blocked.Since);
    }

    [Fact]
    public void PeriodReopenedBySync_AfterOneReasonableStarted_IsOnlyFirstSeenAgain()
    {
        var ended = ActionEndpoints.Apply(ActionEndpoints.Apply(Bob, AccountAction.Mute, Monday, null), AccountAction.Unmute, Monday.AddDays(1), null);

        var reopened = ended.Muted!.SeenAt(Monday.AddDays(5));

        Assert.False(reopened.StartedByReasonable);
        Assert.Single(reopened.Past);
    }

    [Fact]
    public void ProviderReportingAnotherRelation_DuringAnAction_DoesNotDateThatOne()
    {
        var after = ActionEndpoints.Apply(Bob, AccountAction.Block, Monday, null, new RelationSnapshot(Blocked: true, Muted: true, Following: false, MuteEndsAt: null));

        Assert.True(after.Blocked!.StartedByReasonable);
        Assert.False(after.Muted!.StartedByReasonable);
    }
}
