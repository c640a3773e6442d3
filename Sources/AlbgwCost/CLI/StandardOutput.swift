/// What a run writes to standard output: text, a large output's UTF-8 pieces in order, or a JSON
/// document whose pieces are made as they are written. The executable writes the pieces one after
/// another, each freed once written (`CLI.deliver`), so that a review of a thousand designs never
/// holds its output twice; `text` joins them.
package enum StandardOutput: Sendable, Equatable {
    case text(String)
    case pieces([[UInt8]])
    case document(JSONValue)

    /// The whole output as one string.
    package var text: String {
        switch self {
        case .text(let text): return text
        case .pieces(var pieces): return String(joining: &pieces)
        case .document(let document): return document.serialized()
        }
    }

    package static func == (lhs: StandardOutput, rhs: StandardOutput) -> Bool { lhs.text == rhs.text }
}
