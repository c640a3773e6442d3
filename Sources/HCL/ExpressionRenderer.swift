/// Renders syntax nodes back to HCL text, so an expression that cannot be evaluated can be shown to
/// the user as written. Literal template text and number literals are reproduced verbatim; spacing
/// between tokens is normalised (`f(a, b)`, `a + b`, `{ k = v }`). For byte-exact text use
/// `HCLFile.sourceText(of:)`.
extension HCLExpression {
    /// The expression as HCL source, e.g. `tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]`.
    public var sourceText: String {
        var out = ""
        ExpressionRenderer.render(self, into: &out)
        return out
    }
}

extension Template {
    /// The template as HCL source, including quotes or heredoc markers.
    public var sourceText: String {
        var out = ""
        ExpressionRenderer.render(self, into: &out)
        return out
    }
}

extension TraversalStep {
    /// The step as HCL source, e.g. `.id`, `[0]`, `.*`, `[*]`.
    public var sourceText: String {
        var out = ""
        ExpressionRenderer.render(self, into: &out)
        return out
    }
}

enum ExpressionRenderer {
    static func render(_ expression: HCLExpression, into out: inout String) {
        switch expression.kind {
        case .number(let literal):
            out += literal.text
        case .bool(let value):
            out += value ? "true" : "false"
        case .null:
            out += "null"
        case .template(let template):
            render(template, into: &out)
        case .variable(let name):
            out += name
        case let .traversal(base, steps):
            render(base, into: &out)
            for step in steps { render(step, into: &out) }
        case .functionCall(let call):
            out += call.name
            out += "("
            for (i, argument) in call.arguments.enumerated() {
                if i > 0 { out += ", " }
                render(argument, into: &out)
            }
            if call.expandsFinalArgument { out += "..." }
            out += ")"
        case .tuple(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += ", " }
                render(element, into: &out)
            }
            out += "]"
        case .object(let items):
            guard !items.isEmpty else {
                out += "{}"
                return
            }
            out += "{ "
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                switch item.key {
                case .name(let name): out += name
                case .expression(let key): render(key, into: &out)
                }
                out += item.usesColon ? ": " : " = "
                render(item.value, into: &out)
            }
            out += " }"
        case let .unary(op, operand):
            out += op.symbol
            render(operand, into: &out)
        case .binary:
            guard let (first, rest) = expression.operatorChain() else { return }
            render(first, into: &out)
            for (op, operand) in rest {
                out += " " + op.symbol + " "
                render(operand, into: &out)
            }
        case let .conditional(condition, trueResult, falseResult):
            render(condition, into: &out)
            out += " ? "
            render(trueResult, into: &out)
            out += " : "
            render(falseResult, into: &out)
        case .parenthesized(let inner):
            out += "("
            render(inner, into: &out)
            out += ")"
        case .forExpression(let forExpression):
            out += forExpression.producesObject ? "{" : "["
            out += "for "
            if let key = forExpression.keyVariable { out += key + ", " }
            out += forExpression.valueVariable + " in "
            render(forExpression.collection, into: &out)
            out += " : "
            if let key = forExpression.keyExpression {
                render(key, into: &out)
                out += " => "
            }
            render(forExpression.valueExpression, into: &out)
            if forExpression.grouping { out += "..." }
            if let condition = forExpression.condition {
                out += " if "
                render(condition, into: &out)
            }
            out += forExpression.producesObject ? "}" : "]"
        }
    }

    static func render(_ step: TraversalStep, into out: inout String) {
        switch step {
        case .attribute(let name): out += "." + name
        case .index(let key):
            out += "["
            render(key, into: &out)
            out += "]"
        case .legacyIndex(let index): out += ".\(index)"
        case .attributeSplat: out += ".*"
        case .fullSplat: out += "[*]"
        }
    }

    static func render(_ template: Template, into out: inout String) {
        switch template.style {
        case .quoted:
            out += "\""
            render(template.parts, into: &out)
            out += "\""
        case let .heredoc(marker, indented):
            out += "<<" + (indented ? "-" : "") + marker + "\n"
            render(template.parts, into: &out)
            out += marker
        }
    }

    static func render(_ parts: [TemplatePart], into out: inout String) {
        for part in parts {
            switch part {
            case .literal(let literal):
                out += literal.text
            case .interpolation(let interpolation):
                out += open("$", interpolation.strip)
                render(interpolation.expression, into: &out)
                out += close(interpolation.strip)
            case .ifDirective(let directive):
                out += open("%", directive.ifStrip) + " if "
                render(directive.condition, into: &out)
                out += " " + close(directive.ifStrip)
                render(directive.thenParts, into: &out)
                if let elseParts = directive.elseParts {
                    let strip = directive.elseStrip ?? TemplateStrip()
                    out += open("%", strip) + " else " + close(strip)
                    render(elseParts, into: &out)
                }
                out += open("%", directive.endIfStrip) + " endif " + close(directive.endIfStrip)
            case .forDirective(let directive):
                out += open("%", directive.forStrip) + " for "
                if let key = directive.keyVariable { out += key + ", " }
                out += directive.valueVariable + " in "
                render(directive.collection, into: &out)
                out += " " + close(directive.forStrip)
                render(directive.body, into: &out)
                out += open("%", directive.endForStrip) + " endfor " + close(directive.endForStrip)
            }
        }
    }

    private static func open(_ sigil: String, _ strip: TemplateStrip) -> String { sigil + (strip.left ? "{~" : "{") }
    private static func close(_ strip: TemplateStrip) -> String { strip.right ? "~}" : "}" }
}
