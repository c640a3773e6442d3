import Foundation

/// Whether one text occurs in another. `String.contains(String)` goes through Foundation's
/// `range(of:)` and costs a review of a thousand designs a few percent; the texts searched here are
/// code, and the texts sought plain ASCII. In ASCII text bytes decide it as Foundation does; in
/// other text a byte match may sit inside a character (`?` followed by a combining accent is one
/// character, not a `?`), which Foundation does not match: such text is searched as before.
extension String {
    func containsBytes(_ other: String) -> Bool {
        if other.isEmpty { return true }
        var text = self
        var other = other
        let found: Bool? = text.withUTF8 { text in
            guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
            return other.withUTF8 { other in
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
