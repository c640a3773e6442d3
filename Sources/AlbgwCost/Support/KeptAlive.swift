import Foundation

/// Holds the last object given to it, under a lock, never read: only kept from being freed.
///
/// A review builds hundreds of thousands of small objects (syntax trees, blocks, expressions), and
/// freeing them one by one takes a tenth of the run; the process exits right after, when the memory
/// goes back at once. Each holder keeps one object, the last, so a test process that reviews many
/// configurations holds at most one of each.
package final class KeptAlive: @unchecked Sendable {
    private let lock = NSLock()
    private var object: AnyObject?

    package init() {}

    package func keep(_ object: AnyObject) { lock.withLock { self.object = object } }

    /// Keeps a value (a large JSON document, say) the same way.
    package func keep<Value>(value: Value) { keep(Box(value)) }

    private final class Box<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
