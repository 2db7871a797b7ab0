import SentinelCapture
import SentinelFeatures
import SentinelTestSupport

/// Small traffic scripts for flow and window tests.
enum Traffic {
    static func udp(_ src: String, _ sp: UInt16, _ dst: String, _ dp: UInt16, payload: Int = 10) -> [UInt8] {
        PacketBuilder.ethernet(PacketBuilder.ipv4(src, dst, .udp(sourcePort: sp, destinationPort: dp, payload: payload)))
    }

    static func icmp(_ src: String, _ dst: String) -> [UInt8] {
        PacketBuilder.ethernet(PacketBuilder.ipv4(src, dst, .icmp(type: 8, code: 0, payload: 56)))
    }
}

/// Feeds frames to a flow table and window aggregator the way the analyzer does.
final class Pipeline {
    let table: FlowTable
    var windows: [WindowRecord] = []
    var flows: [FlowRecord] = []
    var aggregator: WindowAggregator!

    init(flows: FlowTable.Configuration = .init(), windows: WindowAggregator.Configuration = .init()) {
        table = FlowTable(configuration: flows)
        table.onClose = { [unowned self] in self.flows.append($0) }
        aggregator = WindowAggregator(configuration: windows) { [unowned self] in self.windows.append($0) }
    }

    @discardableResult
    func feed(_ frame: [UInt8], at time: Double) -> FlowUpdate? {
        withPacket(frame, timestamp: time) { packet in
            if aggregator.advance(to: time, flows: table.gauges) { table.startWindow() }
            let update = table.process(packet)
            aggregator.add(packet, update: update)
            return update
        }
    }

    func finish() {
        aggregator.finish(flows: table.gauges)
        table.closeAll()
    }
}
