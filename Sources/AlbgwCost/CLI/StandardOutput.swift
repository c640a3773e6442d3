/// What a run writes to standard output: text, a large output's UTF-8 pieces in order, a JSON
/// document whose pieces are made as they are written, or pieces made a part at a time. The
/// executable writes the pieces one after another, each freed once written (`CLI.deliver`), so that a
/// review of a thousand designs never holds its output twice; `text` joins them.
package enum StandardOutput: Sendable, Equatable {
    case text(String)
    case pieces([[UInt8]])
    case document(JSONValue)
    /// UTF-8 pieces made a part at a time as they are written (`part(0)` to `part(count - 1)`), each
    /// freed once written: a review priced for a thousand designs prints an analysis for each.
    case stream(count: Int, part: @Sendable (Int) -> [[UInt8]])

    /// The whole output as one string.
    package var text: String {
        switch self {
        case .text(let text): return text
        case .pieces(var pieces): return String(joining: &pieces)
        case .document(let document): return document.serialized()
        case .stream(let count, let part):
            var pieces = (0..<count).flatMap(part)
            return String(joining: &pieces)
        }
    }

    package static func == (lhs: StandardOutput, rhs: StandardOutput) -> Bool { lhs.text == rhs.text }
}
