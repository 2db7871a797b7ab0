extension String {
    /// Decodes a NUL-terminated C error buffer such as libpcap's `errbuf`.
    init(errorBuffer: [CChar]) {
        self = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
