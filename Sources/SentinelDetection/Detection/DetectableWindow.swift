import SentinelCapture
import SentinelFeatures

/// A window a detection model can judge: a packet window (``SentinelFeatures/WindowRecord``)
/// or an access-log window (``SentinelFeatures/LogWindowRecord``).
///
/// The detector (``Detector``), the verdicts over an analysis (``Detection``), the runs they
/// form (``WindowRun``) and the labelled datasets are written once, generic over this.
package protocol DetectableWindow: Sendable {
    /// What a run of these windows says about who caused it (the heaviest sources of packet
    /// windows, the busiest clients of log windows).
    associatedtype RunSummary: Sendable, Equatable

    /// The names of ``featureValues``, in order.
    static var featureNames: [String] { get }
    /// Start, seconds since 1970.
    var start: Double { get }
    /// End, seconds since 1970.
    var end: Double { get }
    /// The features, in ``featureNames`` order.
    var featureValues: [Double] { get }
    /// Nothing to judge: the model's empty-window verdict applies, and a labelled dataset
    /// leaves the window out.
    var isEmpty: Bool { get }
    /// The summary of a run made of `windows`, keeping the `top` heaviest senders.
    static func runSummary(_ windows: [Self], top: Int) -> RunSummary
}

extension WindowRecord: DetectableWindow {
    /// The packets of a run and its heaviest sources (per-window top talkers summed).
    package struct RunSummary: Sendable, Equatable {
        /// Packets in the run.
        package var packets: UInt64
        /// The heaviest sources over the run's windows, most packets first.
        package var offenders: [Talker]
    }

    package static var featureNames: [String] { WindowFeatures.names }
    package var featureValues: [Double] { features.values }
    /// A window without packets or open flows (a silent window of a slowloris still holds
    /// its connections, so it is not empty).
    package var isEmpty: Bool { packets == 0 && features[.openFlows] == 0 }

    package static func runSummary(_ windows: [WindowRecord], top: Int) -> RunSummary {
        var talkers: [IPAddress: Talker] = [:]
        for window in windows {
            for t in window.topTalkers {
                talkers[t.address, default: Talker(address: t.address, packets: 0, bytes: 0, syns: 0)].packets += t.packets
                talkers[t.address]!.bytes += t.bytes
                talkers[t.address]!.syns += t.syns
            }
        }
        return RunSummary(
            packets: windows.map(\.packets).reduce(0, +),
            offenders: Array(
                talkers.values.sorted { ($0.packets, $0.address.description) > ($1.packets, $1.address.description) }.prefix(top)))
    }
}

extension LogWindowRecord: DetectableWindow {
    /// The requests of a run and its busiest clients (per-window top clients summed).
    package struct RunSummary: Sendable, Equatable {
        /// Requests in the run's windows.
        package var requests: Int
        /// The busiest clients over the run, most requests first.
        package var clients: [String]
    }

    package static var featureNames: [String] { names }
    package var featureValues: [Double] { values }
    /// A window without requests.
    package var isEmpty: Bool { requests == 0 }

    package static func runSummary(_ windows: [LogWindowRecord], top: Int) -> RunSummary {
        var counts: [String: Int] = [:]
        for window in windows { for c in window.topClients { counts[c.client, default: 0] += c.requests } }
        return RunSummary(
            requests: windows.map(\.requests).reduce(0, +),
            clients: counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(top).map(\.key))
    }
}
