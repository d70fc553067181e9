using Troupe.Cluster.FailureDetection;
using Troupe.Cluster.Tests.Support;

namespace Troupe.Cluster.Tests.FailureDetection;

public class PhiAccrualFailureDetectorSpec
{
    // Hand computation of Akka's formula: y = (t - mean) / sd, e = exp(-y (1.5976 + 0.070566 y^2)),
    // phi = -log10(e / (1 + e)) when t > mean, else -log10(1 - 1 / (1 + e)).
    // y = 0:  e = 1                                  -> phi = log10 2            = 0.30103
    // y = 1:  e = exp(-1.668166)    = 0.188589       -> phi = -log10(0.158666)   = 0.79951
    // y = 2:  e = exp(-3.759728)    = 0.023295       -> phi = -log10(0.022765)   = 1.64283
    // y = 4:  e = exp(-8.906496)    = 1.3545e-4      -> phi = -log10(1.3543e-4)  = 4.73669
    // y = 5:  e = exp(-16.80875)    = 5.0135e-8      -> phi = 7.29995
    // y = -2: e = exp(3.759728)     = 42.9277        -> phi = -log10(1 - 1/43.9277) = 0.01
    [Theory]
    [InlineData(1000, 1000, 100, 0.30103)]
    [InlineData(1100, 1000, 100, 0.79951)]
    [InlineData(1200, 1000, 100, 1.64283)]
    [InlineData(1400, 1000, 100, 4.73669)]
    [InlineData(1500, 1000, 100, 7.29995)]
    [InlineData(800, 1000, 100, 0.01000)]
    [InlineData(5000, 4000, 250, 4.73669)]
    public void ComputePhi_must_match_hand_computed_values(double timeDiff, double mean, double sd, double expected)
    {
        PhiAccrualFailureDetector.ComputePhi(timeDiff, mean, sd).Should().BeApproximately(expected, 1e-4);
    }

    [Fact]
    public void Detector_must_report_zero_phi_and_be_available_before_the_first_heartbeat()
    {
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(clock: clock);
        clock.AdvanceMs(60_000);
        detector.IsMonitoring.Should().BeFalse();
        detector.Phi.Should().Be(0.0);
        detector.IsAvailable.Should().BeTrue();
    }

    [Fact]
    public void Detector_must_use_the_first_heartbeat_estimate_and_the_acceptable_pause_after_one_heartbeat()
    {
        // Defaults: history {750, 1250} -> mean 1000, sd 250; mean + pause 3000 = 4000.
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(clock: clock);
        detector.HeartBeat();
        clock.AdvanceMs(4000);
        detector.Phi.Should().BeApproximately(0.30103, 1e-4);
        clock.AdvanceMs(1000); // y = 4
        detector.Phi.Should().BeApproximately(4.73669, 1e-4);
        detector.IsAvailable.Should().BeTrue();
    }

    [Fact]
    public void Detector_must_follow_mean_and_deviation_of_measured_intervals()
    {
        // History {750, 1250, 1000, 1000}: mean 1000, variance (750² + 1250² + 2·1000²)/4 − 1000² = 31250, sd 176.777.
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(clock: clock);
        detector.HeartBeat();
        clock.AdvanceMs(1000);
        detector.HeartBeat();
        clock.AdvanceMs(1000);
        detector.HeartBeat();
        clock.AdvanceMs(4000 + 176.777);  // y = 1
        detector.Phi.Should().BeApproximately(0.79951, 1e-3);
    }

    [Fact]
    public void Detector_must_suspect_a_regular_node_between_4_5_and_4_6_seconds_after_its_last_heartbeat_with_defaults()
    {
        // Regular 1 s heartbeats: sd falls below 100 ms and is floored there; mean + pause = 4000.
        // t = 4500: y = 5, phi = 7.29995 < 8; t = 4600: y = 6, phi = 10.78 >= 8.
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(clock: clock);
        detector.HeartBeat();
        for (var i = 0; i < 100; i++)
        {
            clock.AdvanceMs(1000);
            detector.HeartBeat();
        }
        clock.AdvanceMs(4500);
        detector.Phi.Should().BeApproximately(7.29995, 1e-3);
        detector.IsAvailable.Should().BeTrue();
        clock.AdvanceMs(100);
        detector.IsAvailable.Should().BeFalse();
    }

    [Fact]
    public void Detector_must_not_learn_from_an_interval_that_arrives_while_suspected()
    {
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(clock: clock);
        detector.HeartBeat();
        clock.AdvanceMs(30_000);
        detector.IsAvailable.Should().BeFalse();
        detector.HeartBeat();
        detector.IsAvailable.Should().BeTrue();
        clock.AdvanceMs(4000); // history still {750, 1250}: same phi as after the very first heartbeat
        detector.Phi.Should().BeApproximately(0.30103, 1e-4);
    }

    [Fact]
    public void Detector_must_honour_tight_settings()
    {
        var settings = new FailureDetectorSettings
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(500),
            MinStdDeviation = TimeSpan.FromMilliseconds(50),
        };
        var clock = new ManualClock();
        var detector = new PhiAccrualFailureDetector(settings, clock);
        detector.HeartBeat();
        // history {150, 250}: mean 200, sd 50; mean + pause = 700. t = 900: y = 4.
        clock.AdvanceMs(900);
        detector.Phi.Should().BeApproximately(4.73669, 1e-4);
    }

    [Fact]
    public void HeartbeatHistory_must_drop_the_oldest_interval_when_full()
    {
        var history = new HeartbeatHistory(3);
        foreach (var x in new double[] { 100, 200, 300, 400 }) history.Add(x);
        history.Count.Should().Be(3);
        history.Mean.Should().BeApproximately(300, 1e-9);
        history.Variance.Should().BeApproximately((200.0 * 200 + 300 * 300 + 400 * 400) / 3 - 300 * 300, 1e-6);
    }

    [Fact]
    public void Settings_must_refuse_invalid_values_with_expected_and_got()
    {
        var act = () => new FailureDetectorSettings { Threshold = 0 }.Validate();
        act.Should().Throw<ArgumentException>().WithMessage("expected a positive phi threshold, got 0");
    }

    [Fact]
    public void Registry_must_keep_one_detector_per_resource()
    {
        var clock = new ManualClock();
        var registry = new FailureDetectorRegistry<string>(FailureDetectorSettings.Default, clock);
        registry.IsAvailable("a").Should().BeTrue();
        registry.HeartBeat("a");
        registry.HeartBeat("b");
        clock.AdvanceMs(3000);
        registry.HeartBeat("b");
        clock.AdvanceMs(3000);
        registry.IsAvailable("a").Should().BeFalse();
        registry.IsAvailable("b").Should().BeTrue();
        registry.Remove("a");
        registry.IsMonitoring("a").Should().BeFalse();
        registry.IsAvailable("a").Should().BeTrue();
    }
}
