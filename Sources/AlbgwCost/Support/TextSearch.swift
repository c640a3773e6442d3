import Foundation

/// Whether one text occurs in another. `String.contains(String)` goes through Foundation's
/// `range(of:)` and costs a review of a thousand designs a few percent; the texts searched here are
/// code, and the texts sought plain ASCII. In ASCII text bytes decide it as Foundation does; in
/// other text a byte match may sit inside a character (`?` followed by a combining accent is one
/// character, not a `?`), which Foundation does not match: such text is searched as before.
extension String {
    func containsBytes(_ other: String) -> Bool {
        if other.isEmpty { return true }
        let found: Bool? = withUTF8Bytes { text in
            guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
            return other.withUTF8Bytes { other in
                let first = other[0]
                guard text.count >= other.count else { return false }
                var start = 0
                while start <= text.count - other.count {
                    if text[start] == first && (1..<other.count).allSatisfy({ text[start + $0] == other[$0] }) { return true }
                    start += 1
                }
                return false
            }
        }
        return found ?? (range(of: other) != nil)
    }
}

extension String {
    /// `body` on the string's UTF-8 bytes in place (a small string's copied to the stack), without the
    /// mutable copy `withUTF8` asks for.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = self
        return text.withUTF8(body)
    }

    /// `hasPrefix(prefix)` for an ASCII prefix, compared as bytes: `hasPrefix` compares characters,
    /// and a review asks it of every reference. The same answer: ASCII bytes are characters but for a
    /// carriage return before a line feed; text outside ASCII where the prefix is (the Kelvin sign is
    /// a `K` to `hasPrefix`), or a byte past the prefix that could join its last character (a
    /// combining accent), sends the question to `hasPrefix`.
    func hasASCIIPrefix(_ prefix: StaticString) -> Bool {
        let answer: Bool? = withUTF8Bytes { text in
            prefix.withUTF8Buffer { prefix in
                for index in 0..<prefix.count {
                    guard index < text.count, text[index] < 0x80 else { return nil }
                    if text[index] != prefix[index] { return false }
                }
                if prefix.last == UInt8(ascii: "\r") { return nil }
                return text.count == prefix.count || text[prefix.count] < 0x80 ? true : nil
            }
        }
        return answer ?? hasPrefix(prefix.description)
    }
}

extension String {
    /// The pieces one after another, measured first and then copied into one string: string
    /// interpolation costs several times more, and a review of 10 MB builds tens of thousands of
    /// addresses. When `a` or `b` is the only piece that is not empty, it is returned as it is.
    static func joining(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "") -> String {
        let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count
        if count == a.utf8.count { return a }
        if count == b.utf8.count { return b }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var at = 0
            func copy(_ piece: String) {
                piece.withUTF8Bytes { bytes in
                    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
                    (buffer.baseAddress! + at).update(from: source, count: bytes.count)
                    at += bytes.count
                }
            }
            copy(a)
            copy(b)
            copy(c)
            copy(d)
            copy(e)
            return at
        }
    }
}

/// A quick hash of strings' bytes, eight at a time (FNV-1a's constants, with a shift to spread the
/// high bits), where `Hasher`'s SipHash costs several times more: for lookups whose collisions, and
/// misses between texts Swift holds equal in other bytes (`é` written as one scalar or two), cost
/// only a slower path or a second copy, never a wrong answer. Not a `Hashable` hash for strings.
struct PieceHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* 0x100_0000_01b3
        value ^= value >> 29
    }

    /// The piece's bytes, then how many of them were left past the last full eight: pieces that
    /// end apart hash apart.
    mutating func mix(_ piece: String) {
        piece.withUTF8Bytes { bytes in
            guard let base = bytes.baseAddress else { return mix(0) }
            var at = 0
            while at + 8 <= bytes.count {
                mix(UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self))
                at += 8
            }
            var tail = UInt64(bytes.count - at) << 56
            for index in at..<bytes.count { tail |= UInt64(base[index]) << (8 * (index - at)) }
            mix(tail)
        }
    }
}
