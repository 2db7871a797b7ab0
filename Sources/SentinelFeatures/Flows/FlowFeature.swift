/// The numeric features of one flow, in flows-CSV column order.
public enum FlowFeature: Int, CaseIterable, Sendable {
    case duration
    case forwardPackets
    case backwardPackets
    case forwardBytes
    case backwardBytes
    case packetLengthMin
    case packetLengthMean
    case packetLengthMax
    case packetLengthStd
    case interArrivalMean
    case interArrivalStd
    case interArrivalMax
    case synCount
    case synAckCount
    case finCount
    case rstCount
    case pshCount
    case ackCount
    case handshakeRTT
    case retransmissions
    case bytesPerSecond
    case packetsPerSecond
    case handshakeCompleted

    /// The stable machine name (CSV column).
    public var name: String {
        switch self {
        case .duration: return "duration_s"
        case .forwardPackets: return "fwd_packets"
        case .backwardPackets: return "bwd_packets"
        case .forwardBytes: return "fwd_bytes"
        case .backwardBytes: return "bwd_bytes"
        case .packetLengthMin: return "pkt_len_min"
        case .packetLengthMean: return "pkt_len_mean"
        case .packetLengthMax: return "pkt_len_max"
        case .packetLengthStd: return "pkt_len_std"
        case .interArrivalMean: return "iat_mean_s"
        case .interArrivalStd: return "iat_std_s"
        case .interArrivalMax: return "iat_max_s"
        case .synCount: return "syn_count"
        case .synAckCount: return "synack_count"
        case .finCount: return "fin_count"
        case .rstCount: return "rst_count"
        case .pshCount: return "psh_count"
        case .ackCount: return "ack_count"
        case .handshakeRTT: return "handshake_rtt_ms"
        case .retransmissions: return "retransmissions"
        case .bytesPerSecond: return "bytes_per_s"
        case .packetsPerSecond: return "packets_per_s"
        case .handshakeCompleted: return "handshake_completed"
        }
    }

    /// The unit of the value.
    public var unit: String {
        switch self {
        case .duration, .interArrivalMean, .interArrivalStd, .interArrivalMax: return "s"
        case .forwardPackets, .backwardPackets, .synCount, .synAckCount, .finCount, .rstCount, .pshCount,
            .ackCount, .retransmissions:
            return "packets"
        case .forwardBytes, .backwardBytes, .packetLengthMin, .packetLengthMean, .packetLengthMax,
            .packetLengthStd:
            return "bytes"
        case .handshakeRTT: return "ms"
        case .bytesPerSecond: return "bytes/s"
        case .packetsPerSecond: return "packets/s"
        case .handshakeCompleted: return "0/1"
        }
    }

    /// What the value means.
    public var meaning: String {
        switch self {
        case .duration: return "time from the first to the last packet"
        case .forwardPackets: return "packets from the client (the first packet's sender)"
        case .backwardPackets: return "packets from the server"
        case .forwardBytes: return "IP bytes (header + payload) from the client"
        case .backwardBytes: return "IP bytes from the server"
        case .packetLengthMin: return "smallest IP packet length, both directions"
        case .packetLengthMean: return "mean IP packet length"
        case .packetLengthMax: return "largest IP packet length"
        case .packetLengthStd: return "population standard deviation of IP packet length"
        case .interArrivalMean: return "mean time between consecutive packets, both directions"
        case .interArrivalStd: return "standard deviation of that time"
        case .interArrivalMax: return "longest time between consecutive packets"
        case .synCount: return "SYN segments without ACK"
        case .synAckCount: return "SYN+ACK segments"
        case .finCount: return "segments with FIN"
        case .rstCount: return "segments with RST"
        case .pshCount: return "segments with PSH"
        case .ackCount: return "segments with ACK"
        case .handshakeRTT: return "time from the client's SYN to its ACK of the SYN-ACK (0 if incomplete)"
        case .retransmissions: return "data segments (or SYNs) repeating sequence space already seen"
        case .bytesPerSecond: return "all IP bytes / duration (0 for a one-packet flow)"
        case .packetsPerSecond: return "all packets / duration (0 for a one-packet flow)"
        case .handshakeCompleted: return "1 when SYN, SYN-ACK and the client's ACK were all seen"
        }
    }

    /// The CICFlowMeter column that means the same, where one does (units may differ:
    /// CICFlowMeter uses microseconds and payload bytes).
    public var cicFlowMeterColumn: String? {
        switch self {
        case .duration: return "Flow Duration (µs there)"
        case .forwardPackets: return "Total Fwd Packets"
        case .backwardPackets: return "Total Backward Packets"
        case .forwardBytes: return "Total Length of Fwd Packets (payload bytes there)"
        case .backwardBytes: return "Total Length of Bwd Packets (payload bytes there)"
        case .packetLengthMin: return "Min Packet Length (payload there)"
        case .packetLengthMean: return "Packet Length Mean (payload there)"
        case .packetLengthMax: return "Max Packet Length (payload there)"
        case .packetLengthStd: return "Packet Length Std (payload there)"
        case .interArrivalMean: return "Flow IAT Mean (µs there)"
        case .interArrivalStd: return "Flow IAT Std (µs there)"
        case .interArrivalMax: return "Flow IAT Max (µs there)"
        case .synCount: return "SYN Flag Count"
        case .finCount: return "FIN Flag Count"
        case .rstCount: return "RST Flag Count"
        case .pshCount: return "PSH Flag Count"
        case .ackCount: return "ACK Flag Count"
        case .bytesPerSecond: return "Flow Bytes/s"
        case .packetsPerSecond: return "Flow Packets/s"
        case .synAckCount, .handshakeRTT, .retransmissions, .handshakeCompleted: return nil
        }
    }
}
