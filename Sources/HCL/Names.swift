/// The names of one parse (identifiers and literal labels), each kept once: `vpc_security_group_ids`
/// or `aws_lb_target_group` is written hundreds of times in a large configuration, and a name of more
/// than 15 bytes is a heap string of its own. Names of up to 15 bytes are stored inline in the
/// `String` value and are not kept here.
///
/// An open-addressing table keyed by the bytes, so that a name already seen costs a hash and a
/// comparison, not an allocation. Used by one parser on one thread.
final class Names {
    private var slots: [String?]
    private var count = 0

    /// A table of `capacity` slots to begin with (a power of two): a whole file's names need
    /// hundreds, one expression parsed again a few.
    init(capacity: Int = 1_024) {
        slots = Array(repeating: nil, count: capacity)
    }

    /// The string of `bytes`, the same storage every time the same name is asked for.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        let at = slot(of: bytes)
        if let stored = slots[at] { return stored }
        let name = String(decoding: bytes, as: UTF8.self)
        slots[at] = name
        count += 1
        if count * 2 > slots.count { grow() }
        return name
    }

    /// `name`, or the kept string with the same bytes.
    func string(_ name: String) -> String {
        guard name.utf8.count > 15 else { return name }
        var name = name
        return name.withUTF8 { string($0) }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash)
    }

    /// The slot that holds `bytes`, or the empty one where they go.
    private func slot(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Self.hash(bytes) & (slots.count - 1)
        while var stored = slots[slot] {
            if stored.utf8.count == bytes.count, stored.withUTF8({ $0.elementsEqual(bytes) }) { return slot }
            slot = (slot + 1) & (slots.count - 1)
        }
        return slot
    }

    /// Twice the slots, the same strings in them (the tree already holds them).
    private func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        for case var name? in old {
            let free = name.withUTF8 { slot(of: $0) }
            slots[free] = name
        }
    }
}
