using Linkage.Alerts;

namespace Linkage.ClusterTests.Alerts;

/// <summary>Alerts for tests: ids no other test uses, surveillance or safety.</summary>
public static class SampleAlerts
{
    /// <summary>A prefix of alert ids of this test alone.</summary>
    public static string NewIds() => "test-" + Guid.NewGuid().ToString("N")[..10];

    public static Alert SurveillanceAlert(string id, int version = 1, bool withdrawn = false, long count = 42) => new()
    {
        Id = id,
        Version = version,
        Source = AlertSource.Surveillance,
        Withdrawn = withdrawn,
        Indicator = "flu",
        Pref = "13",
        Day = new DateOnly(2024, 1, 15),
        Detector = "c1",
        Count = count,
        Statistic = 3.81,
    };

    public static Alert SafetyAlert(string id, int version = 1) => new()
    {
        Id = id,
        Version = version,
        Source = AlertSource.Safety,
        Monitor = "statin-myopathy",
        N = 20,
        C = 15,
        Llr = 2.616241,
    };
}
