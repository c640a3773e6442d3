import Foundation
import HCL

/// The one place that knows the HCL parser's API: parsing with one-line errors, and HCL values as
/// the `TerraformValue`s the recognizer and the review read.
enum HCLAdapter {
    /// Parses one file; a syntax error becomes a one-line `file:line:column: expected ...` message.
    static func parse(_ data: Data, file: String) throws -> HCLFile {
        do {
            return try HCLParser.parse(data, path: file)
        } catch let error as HCLError {
            throw TerraformLoader.LoadError.parse(error.description)
        } catch {
            throw TerraformLoader.LoadError.parse("\(HCLError.excerpt(file, limit: 200)): cannot be read as Terraform")
        }
    }

    /// Parses one file as `parse(_:file:)` does, handing each top-level item to `each` on this thread
    /// while the rest of the file parses on the parser's.
    static func parse(_ data: Data, file: String, each: (BodyItem) -> Void) throws -> HCLFile {
        do {
            return try HCLParser.parse(data, path: file, each: each)
        } catch let error as HCLError {
            throw TerraformLoader.LoadError.parse(error.description)
        } catch {
            throw TerraformLoader.LoadError.parse("\(HCLError.excerpt(file, limit: 200)): cannot be read as Terraform")
        }
    }

    /// Parses generated native syntax (from Terraform's JSON syntax). An error is placed as findings
    /// are: on the JSON's own line (`lines` maps the generated lines to it), column 1.
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
