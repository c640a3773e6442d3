import Foundation

/// A command line as a POSIX shell reads it back: words with nothing special stay bare, the
/// others are single-quoted (a `'` inside becomes `'\''`).
package enum ShellWords {
    package static func quoted(_ words: [String]) -> String {
        words.map(quoted).joined(separator: " ")
    }

    package static func quoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                (scalar.value < 128 && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)))) || "-_./:=,@%+".unicodeScalars.contains(scalar)
            }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
