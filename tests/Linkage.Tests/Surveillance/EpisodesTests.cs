using Linkage.Surveillance;

namespace Linkage.Tests.Surveillance;

/// <summary>surveillance-v1's episodes of one person, worked out by hand.</summary>
public sealed class EpisodesTests
{
    [Fact]
    public void An_event_starts_an_episode_only_when_no_matching_event_lies_in_the_episode_days_before_it()
    {
        // 90 days: 80 has 0 before it, 160 has 80 (80 days) before it, 300 has nothing within 90 days.
        var starts = Episodes.Starts([(0, 13), (80, 13), (160, 27), (300, 27)], 90);

        Assert.Equal([(0, 13), (300, 27)], starts);
    }

    [Fact]
    public void The_window_is_the_episode_days_before_the_event_exactly()
    {
        // 90 - 0 = 90 lies within the 90 days before; 181 - 90 = 91 does not.
        Assert.Equal([(0, 1), (181, 3)], Episodes.Starts([(0, 1), (90, 2), (181, 3)], 90));
    }

    [Fact]
    public void Events_of_one_day_start_one_episode_in_the_first_events_prefecture()
    {
        Assert.Equal([(5, 13)], Episodes.Starts([(5, 13), (5, 27)], 1));
    }
}
