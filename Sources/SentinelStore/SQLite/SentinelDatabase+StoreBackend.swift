extension SentinelDatabase: StoreBackend {
    package var location: String { path }
}
