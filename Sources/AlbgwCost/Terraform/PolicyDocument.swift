import Foundation

/// The statements of a resource policy as far as the code states them: each statement's effect,
/// its `aws:SourceVpce` condition operator and values as written. Read from an
/// `aws_iam_policy_document` data source, or from the policy's text (`jsonencode(...)` or a heredoc).
package struct PolicyStatement: Sendable, Equatable {
    package var effect: String
    /// `StringEquals`, `StringNotEquals`, ...; nil when the statement has no aws:SourceVpce condition.
    package var vpceOperator: String?
    package var vpceValues: [String]
}

package enum PolicyDocument {
    /// `"Effect": "Allow"` in any spelling; compiled once.
    private static let effectPattern = try? NSRegularExpression(pattern: #"(?i)"?effect"?\s*[:=]\s*"(allow|deny)""#)

    /// The statements of `policy`, or nil when the code does not say them (a variable, a file, a function).
    package static func statements(_ policy: TerraformExpression, config: TerraformConfiguration) -> [PolicyStatement]? {
        if let reference = documentReference(policy) {
            guard let document = config.block(for: reference) else { return nil }
            return document.blocks("statement").map { statement in
                let condition = statement.blocks("condition").first(where: isSourceVpce)
                return PolicyStatement(
                    effect: statement["effect"]?.value?.string ?? "Allow", vpceOperator: condition.map { $0["test"]?.value?.string ?? $0["test"]?.text ?? "" },
                    vpceValues: condition?["values"].map { [$0.text] } ?? [])
            }
        }
        let text = policy.text
        if let statements = jsonStatements(text) { return statements }
        guard let regex = effectPattern else { return nil }
        let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return nil }
        // Each statement runs from its Effect to the next one: the common layout of hand-written policies.
        return matches.enumerated().compactMap { index, match in
            guard let start = Range(match.range, in: text), let effect = Range(match.range(at: 1), in: text) else { return nil }
            let end = index + 1 < matches.count ? Range(matches[index + 1].range, in: text)!.lowerBound : text.endIndex
            let chunk = String(text[start.lowerBound..<end])
            let values = TerraformReview.sourceVpceValues(chunk)
            let op: String? =
                values.isEmpty ? nil : chunk.range(of: "StringNotEquals", options: .caseInsensitive) != nil ? "StringNotEquals" : "StringEquals"
            return PolicyStatement(effect: text[effect].capitalized, vpceOperator: op, vpceValues: values)
        }
    }

    /// The `aws_iam_policy_document` data source a policy reads (`data.aws_iam_policy_document.x.json`).
    static func documentReference(_ policy: TerraformExpression) -> TerraformReference? {
        policy.references.first { $0.root == "data" && $0.resourceType == "aws_iam_policy_document" }
    }

    /// Whether a `condition` block of a policy document is on aws:SourceVpce.
    static func isSourceVpce(_ condition: TerraformBlock) -> Bool {
        (condition["variable"]?.value?.string ?? condition["variable"]?.text ?? "").lowercased().contains("aws:sourcevpce")
    }

    /// The statements of a policy written as JSON (the value of a plan or a state, keys in any
    /// order), read as JSON: each statement's Effect and its aws:SourceVpce condition, values quoted as
    /// written. Nil when the text is not a JSON object with a Statement.
    static func jsonStatements(_ text: String) -> [PolicyStatement]? {
        guard text.first(where: { !$0.isWhitespace }) == "{", let json = try? OrderedJSON.parse(Data(text.utf8)), case .object(let top) = json,
            let statement = top.first(where: { $0.key.lowercased() == "statement" })?.value
        else { return nil }
        func quoted(_ value: OrderedJSON) -> String? {
            switch value {
            case .string(let text): return "\"\(text)\""
            case .array(let items): return "[" + items.compactMap(quoted).joined(separator: ", ") + "]"
            default: return nil
            }
        }
        let items: [OrderedJSON]
        switch statement {
        case .array(let list): items = list
        case .object: items = [statement]
        default: return nil
        }
        return items.compactMap { item -> PolicyStatement? in
            guard case .object(let members) = item else { return nil }
            var effect = "Allow"
            if case .string(let written)? = members.first(where: { $0.key.lowercased() == "effect" })?.value { effect = written.capitalized }
            var vpceOperator: String?
            var values: [String] = []
            if case .object(let conditions)? = members.first(where: { $0.key.lowercased() == "condition" })?.value {
                for (operatorName, block, _) in conditions {
                    guard case .object(let keys) = block else { continue }
                    for (key, value, _) in keys where key.lowercased() == "aws:sourcevpce" {
                        vpceOperator = operatorName
                        if let written = quoted(value) { values.append(written) }
                    }
                }
            }
            return PolicyStatement(effect: effect, vpceOperator: vpceOperator, vpceValues: values)
        }
    }

    /// Whether statements let requests through `endpoint` (its address, `aws_vpc_endpoint.x`) in.
    package static func allows(_ statements: [PolicyStatement], endpoint: String) -> Bool {
        func names(_ statement: PolicyStatement) -> Bool { statement.vpceValues.contains { $0.contains(endpoint) } }
        func matches(_ statement: PolicyStatement) -> Bool {
            guard let op = statement.vpceOperator else { return true }
            return op.lowercased().contains("not") ? !names(statement) : names(statement)
        }
        let allowed = statements.contains { $0.effect == "Allow" && matches($0) }
        let denied = statements.contains { $0.effect == "Deny" && matches($0) }
        return allowed && !denied
    }
}
