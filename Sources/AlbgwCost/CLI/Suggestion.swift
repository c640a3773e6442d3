/// "Did you mean" for mistyped options and values (optimal string alignment distance, as SwiftFormat does).
package enum Suggestion {
    /// The closest candidate within a distance relative to the word's length, or nil.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= limit(for: word) ? best.0 : nil
    }

    /// The most edits `closest` allows from `word`. Two edits turn most three- and four-letter words
    /// into another ('svg' into 'csv', 'foo' into 'dot'): short words get one.
    package static func limit(for word: String) -> Int { word.count <= 4 ? 1 : max(2, word.count / 3) }

    /// `did you mean 'X'? ` for the closest candidate, or nothing: the start of a message's fix.
    package static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "did you mean '\($0)'? " } ?? ""
    }

    /// Edits (insert, delete, substitute, swap neighbours) that turn `a` into `b`.
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
