import Foundation
import Testing
@testable import HCL

/// Parses `text` as file `test.tf`.
func parse(_ text: String, path: String = "test.tf") throws -> HCLFile {
    try HCLParser.parse(text, path: path)
}

/// Parses `x = <source>` and returns the expression.
func expr(_ source: String) throws -> HCLExpression {
    let file = try HCLParser.parse("x = " + source + "\n", path: "expr.tf")
    return try #require(file.body.attribute(named: "x")).expression
}

/// The error thrown when parsing `text` (nil if it parses).
func parseError(_ text: String, path: String = "bad.tf") -> HCLError? {
    captureError { _ = try HCLParser.parse(text, path: path) }
}

/// The error thrown when parsing raw bytes with the Data overload.
func parseError(data: Data, path: String = "bad.tf") -> HCLError? {
    captureError { _ = try HCLParser.parse(data, path: path) }
}

/// Runs `body` and returns the `HCLError` it throws; any other error is recorded as a test issue.
private func captureError(_ body: () throws -> Void) -> HCLError? {
    do {
        try body()
        return nil
    } catch let error as HCLError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// Contents of Tests/HCLTests/Fixtures/<name>, located relative to this source file.
func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
    return try String(contentsOf: url, encoding: .utf8)
}

func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// The rendered references of an expression, e.g. `["aws_lb.x.arn"]`.
func refs(_ expression: HCLExpression) -> [String] {
    expression.references.map(\.description)
}

extension HCLExpression {
    /// The template, if this is a string or heredoc.
    var template: Template? { if case .template(let template) = kind { template } else { nil } }
}
