/// What a run writes to standard output: text, or a large output's UTF-8 pieces in order. The
/// executable writes the pieces one after another, each freed once written (`CLI.deliver`), so
/// that a review of a thousand designs never holds its output twice; `text` joins them.
package enum StandardOutput: Sendable, Equatable {
    case text(String)
    case pieces([[UInt8]])

    /// The whole output as one string.
    package var text: String {
        switch self {
        case .text(let text): return text
        case .pieces(var pieces): return String(joining: &pieces)
        }
    }

    package static func == (lhs: StandardOutput, rhs: StandardOutput) -> Bool { lhs.text == rhs.text }
}
