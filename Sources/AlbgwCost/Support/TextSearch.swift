/// Whether one text occurs in another, compared byte for byte in UTF-8. `String.contains(String)`
/// goes through Foundation's `range(of:)` and costs a review of a thousand designs a few percent;
/// the texts searched here are code and the texts sought plain ASCII, so bytes decide it exactly.
extension String {
    func containsBytes(_ other: String) -> Bool {
        var text = self
        var other = other
        return text.withUTF8 { text in
            other.withUTF8 { other in
                guard let first = other.first else { return true }
                guard text.count >= other.count else { return false }
                var start = 0
                while start <= text.count - other.count {
                    if text[start] == first && (1..<other.count).allSatisfy({ text[start + $0] == other[$0] }) { return true }
                    start += 1
                }
                return false
            }
        }
    }
}
