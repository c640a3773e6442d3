import Foundation
import HCL

/// Turns HCL syntax trees into the `TerraformConfiguration` the recognizer and the review read:
/// one place that knows the parser's API.
enum HCLAdapter {
    /// Parses one file; a syntax error becomes a one-line `file:line:column: expected ...` message.
    static func parse(_ data: Data, file: String) throws -> HCLFile {
        do {
            return try HCLParser.parse(data, path: file)
        } catch let error as HCLError {
            throw TerraformLoader.LoadError.parse(error.description)
        } catch {
            throw TerraformLoader.LoadError.parse("\(file): cannot be read as Terraform: \(error)")
        }
    }

    /// Values for `var.NAME`: the defaults declared in any file, overridden by `--var`.
    static func variables(_ files: [HCLFile], given: [String: String]) -> [String: HCL.Value] {
        var values: [String: HCL.Value] = [:]
        for file in files {
            for block in file.body.blocks(type: "variable") {
                guard let name = block.labels.first, let expression = block.attribute(named: "default")?.expression else { continue }
                if let value = Evaluator().evaluate(expression).value { values[name] = value }
            }
        }
        for (name, text) in given { values[name] = .string(text) }
        return values
    }

    static func blocks(_ file: HCLFile, variables: [String: HCL.Value]) -> [TerraformBlock] {
        let evaluator = Evaluator(variables: variables)
        return file.body.blocks.map { convert($0, file: file, evaluator: evaluator) }
    }

    private static func convert(_ block: HCL.Block, file: HCLFile, evaluator: Evaluator) -> TerraformBlock {
        var attributes: [String: TerraformExpression] = [:]
        for attribute in block.body.attributes {
            attributes[attribute.name] = convert(attribute.expression, file: file, evaluator: evaluator)
        }
        return TerraformBlock(
            kind: block.type, labels: block.labels, attributes: attributes,
            blocks: block.body.blocks.map { convert($0, file: file, evaluator: evaluator) },
            position: position(block.position))
    }

    private static func convert(_ expression: HCLExpression, file: HCLFile, evaluator: Evaluator) -> TerraformExpression {
        var elements: [TerraformExpression]?
        if case .tuple(let items) = expression.kind {
            elements = items.map { convert($0, file: file, evaluator: evaluator) }
        }
        return TerraformExpression(
            text: file.sourceText(of: expression), position: position(expression.position),
            value: evaluator.evaluate(expression).value.map(convert),
            references: expression.references.map { $0.attributePath.joined(separator: ".") },
            elements: elements)
    }

    private static func convert(_ value: HCL.Value) -> TerraformValue {
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

    private static func position(_ position: HCL.SourcePosition) -> SourcePosition {
        SourcePosition(file: position.file, line: position.line, column: position.column)
    }
}
