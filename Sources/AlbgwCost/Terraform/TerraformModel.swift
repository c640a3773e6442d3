import Foundation

/// Where something stands in a configuration: `main.tf:12:3`.
package struct SourcePosition: Sendable, Equatable, Comparable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    package var description: String { "\(file):\(line):\(column)" }

    package static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A value Terraform could know before apply.
package indirect enum TerraformValue: Sendable, Equatable {
    case string(String)
    case number(ExactDecimal)
    case bool(Bool)
    case list([TerraformValue])
    case object([String: TerraformValue])
    case null
    /// Known only after apply, inside a value otherwise known.
    case unknown

    package var string: String? {
        switch self {
        case .string(let text): text
        case .number(let number): "\(number)"
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    package var bool: Bool? {
        switch self {
        case .bool(let flag): flag
        case .string("true"): true
        case .string("false"): false
        default: nil
        }
    }

    package var list: [TerraformValue]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

/// An attribute's expression: how it was written, what it refers to, and its value when known.
package struct TerraformExpression: Sendable, Equatable {
    /// The expression as written, for showing what could not be evaluated.
    package var text: String
    package var position: SourcePosition
    /// The value, when it follows from literals and the variables given; nil otherwise (never guessed).
    package var value: TerraformValue?
    /// References such as `aws_subnet.public.id`, `var.region`, `data.aws_network_interface.nic1.private_ip`.
    package var references: [String]
    /// Elements of a tuple expression (`[a, b]`), as written, even when they cannot be evaluated.
    package var elements: [TerraformExpression]?

    package init(text: String, position: SourcePosition, value: TerraformValue?, references: [String], elements: [TerraformExpression]? = nil) {
        self.text = text
        self.position = position
        self.value = value
        self.references = references
        self.elements = elements
    }

    /// How many items a list expression holds: its value's count, else the elements written.
    package var count: Int? { value?.list?.count ?? elements?.count }
}

/// A block with its labels, attributes and nested blocks, e.g. `resource "aws_lb" "public_alb" {...}`.
package struct TerraformBlock: Sendable, Equatable {
    /// `resource`, `data`, `variable`, `provider`, `output`, `locals`, `terraform`, or a nested block's name.
    package var kind: String
    package var labels: [String]
    package var attributes: [String: TerraformExpression]
    package var blocks: [TerraformBlock]
    package var position: SourcePosition

    package init(kind: String, labels: [String], attributes: [String: TerraformExpression], blocks: [TerraformBlock], position: SourcePosition) {
        self.kind = kind
        self.labels = labels
        self.attributes = attributes
        self.blocks = blocks
        self.position = position
    }

    /// `aws_lb` for `resource "aws_lb" "x"`.
    package var type: String { labels.first ?? "" }
    /// `x` for `resource "aws_lb" "x"`.
    package var name: String { labels.count > 1 ? labels[1] : "" }
    /// `aws_lb.x`, or `data.aws_network_interface.nic1`, or `var.region`.
    package var address: String {
        switch kind {
        case "data": "data.\(type).\(name)"
        case "variable": "var.\(type)"
        default: "\(type).\(name)"
        }
    }

    package subscript(_ attribute: String) -> TerraformExpression? { attributes[attribute] }

    package func blocks(_ kind: String) -> [TerraformBlock] { blocks.filter { $0.kind == kind } }
}

/// Every block of every file of a configuration, in file and source order, indexed once so that
/// look-ups stay constant-time on large configurations.
package struct TerraformConfiguration: Sendable, Equatable {
    package let files: [String]
    package let blocks: [TerraformBlock]
    /// Variables the user gave with `--var`.
    package let givenVariables: Set<String>
    /// Block positions by `kind type` (`resource aws_lb`), in source order.
    private let byKindAndType: [String: [Int]]
    /// The first block with each address (`aws_lb.x`, `data.t.n`, `var.v`).
    private let byAddress: [String: Int]

    package init(files: [String], blocks: [TerraformBlock], givenVariables: Set<String> = []) {
        self.files = files
        self.blocks = blocks
        self.givenVariables = givenVariables
        var byKindAndType: [String: [Int]] = [:]
        var byAddress: [String: Int] = [:]
        for (index, block) in blocks.enumerated() {
            byKindAndType["\(block.kind) \(block.type)", default: []].append(index)
            if ["resource", "data", "variable"].contains(block.kind), byAddress[block.address] == nil { byAddress[block.address] = index }
        }
        self.byKindAndType = byKindAndType
        self.byAddress = byAddress
    }

    private func blocks(_ kind: String, _ type: String) -> [TerraformBlock] { (byKindAndType["\(kind) \(type)"] ?? []).map { blocks[$0] } }

    package func resources(_ type: String) -> [TerraformBlock] { blocks("resource", type) }
    package func data(_ type: String) -> [TerraformBlock] { blocks("data", type) }
    package var variables: [TerraformBlock] { blocks.filter { $0.kind == "variable" } }
    package var providers: [TerraformBlock] { blocks.filter { $0.kind == "provider" } }

    /// The block a reference like `aws_subnet.public.id` or `data.x.y.z` points at.
    package func block(for reference: String) -> TerraformBlock? {
        let parts = reference.split(separator: ".", maxSplits: 3).map(String.init)
        let address: String
        if parts.first == "data", parts.count >= 3 {
            address = "data.\(parts[1]).\(parts[2])"
        } else if parts.first == "var", parts.count >= 2 {
            address = "var.\(parts[1])"
        } else if parts.count >= 2 {
            address = "\(parts[0]).\(parts[1])"
        } else {
            return nil
        }
        return byAddress[address].map { blocks[$0] }
    }
}
