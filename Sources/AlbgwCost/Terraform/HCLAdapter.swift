import Foundation
import HCL

/// The one place that knows the HCL parser's API: parsing with one-line errors, and HCL values as
/// the `TerraformValue`s the recognizer and the review read.
enum HCLAdapter {
    /// A file's bytes as text; bytes that are not UTF-8 are an error at the first of them.
    static func text(_ data: Data, file: String) throws -> String {
        do {
            return try HCLParser.text(data, path: file)
        } catch let error as HCLError {
            throw TerraformLoader.LoadError.parse(error.description)
        }
    }

    /// Parses one file's text as `parse(_:file:lines:)` does, handing each top-level item to `keeping`
    /// as it is read (on this thread while the rest of the file parses on the parser's, or on one core
    /// on the parser's thread in turn); the file keeps what it returns.
    /// The blocks `rule` names are handed over skimmed (see `SkimRule`).
    static func parse(_ text: String, file: String, skimming rule: SkimRule?, keeping: (TopLevelItem) -> BodyItem?) throws -> HCLFile {
        do {
            return try HCLParser.parse(text, path: file, skimming: rule, keeping: keeping)
        } catch let error as HCLError {
            throw TerraformLoader.LoadError.parse(error.description)
        } catch {
            throw TerraformLoader.LoadError.parse("\(HCLError.excerpt(file, limit: 200)): cannot be read as Terraform")
        }
    }

    /// Parses one file's text; a syntax error becomes a one-line `file:line:column: expected ...`
    /// message. For native syntax generated from Terraform's JSON syntax, `lines` maps the generated
    /// lines to the JSON's own, and an error is placed as findings are: on that line, column 1.
    static func parse(_ text: String, file: String, lines: [Int: Int]? = nil) throws -> HCLFile {
        do {
            return try HCLParser.parse(text, path: file)
        } catch var error as HCLError {
            if let lines {
                error.position = HCL.SourcePosition(file: error.file, line: lines[error.line] ?? error.line, column: 1)
            }
            throw TerraformLoader.LoadError.parse(error.description)
        }
    }

    static func convert(_ value: HCL.Value) -> TerraformValue {
        switch value {
        case .string(let text): .string(text)
        // HCL evaluates with Foundation's Decimal; a number it cannot express plainly (NaN) is no value.
        case .number(let number): ExactDecimal(number).map { .number($0) } ?? .null
        case .bool(let flag): .bool(flag)
        case .null: .null
        case .unknown: .unknown
        case .list(let items): .list(items.map(convert))
        case .object(let members): .object(members.mapValues(convert))
        }
    }
}
