/// A string template: a quoted string or a heredoc, made of literal text, interpolations and directives.
public struct Template: Sendable, Hashable {
    /// Parts in source order. Adjacent literal text is merged into one part.
    public var parts: [TemplatePart]
    /// How the template was written.
    public var style: TemplateStyle

    /// Creates a template.
    public init(parts: [TemplatePart], style: TemplateStyle) {
        self.parts = parts
        self.style = style
    }

    /// The string value when the template has only literal text (no `${}` or `%{}`).
    public var literalValue: String? {
        var result = ""
        for part in parts {
            guard case .literal(let literal) = part else { return nil }
            result += literal.value
        }
        return result
    }
}

/// How a template was written in the source.
public enum TemplateStyle: Sendable, Hashable {
    /// `"..."`
    case quoted
    /// `<<MARKER` (or `<<-MARKER` when `indented`, which strips common leading whitespace).
    case heredoc(marker: String, indented: Bool)
}

/// One part of a template.
public enum TemplatePart: Sendable, Hashable {
    /// Literal text.
    case literal(TemplateLiteral)
    /// `${ expression }`.
    case interpolation(TemplateInterpolation)
    /// `%{ if cond }...%{ else }...%{ endif }`. Boxed, as is `forDirective`: directives are rare and
    /// larger than literal text, which would otherwise take their size in every template's parts.
    indirect case ifDirective(TemplateIf)
    /// `%{ for x in xs }...%{ endfor }`.
    indirect case forDirective(TemplateFor)
}

/// Literal template text, both as written and as evaluated.
public struct TemplateLiteral: Sendable, Hashable {
    /// The text exactly as in the source (escapes not decoded, indentation not stripped).
    public var text: String
    /// The text's value: escapes decoded, `~` strip markers and heredoc indentation applied.
    public var value: String
    /// Source span of the text.
    public var range: SourceRange

    /// Creates a literal part.
    public init(text: String, value: String, range: SourceRange) {
        self.text = text
        self.value = value
        self.range = range
    }
}

/// Whitespace-strip markers on a template sequence: `${~` / `%{~` (left) and `~}` (right).
public struct TemplateStrip: Sendable, Hashable {
    /// `~` right after the opening `${` / `%{`: strips whitespace before the sequence.
    public var left: Bool
    /// `~` right before the closing `}`: strips whitespace after the sequence.
    public var right: Bool

    /// Creates strip markers.
    public init(left: Bool = false, right: Bool = false) {
        self.left = left
        self.right = right
    }
}

/// `${ expression }` inside a template.
public struct TemplateInterpolation: Sendable, Hashable {
    /// The interpolated expression.
    public var expression: HCLExpression
    /// Strip markers.
    public var strip: TemplateStrip
    /// Span from `${` to `}`.
    public var range: SourceRange

    /// Creates an interpolation.
    public init(expression: HCLExpression, strip: TemplateStrip, range: SourceRange) {
        self.expression = expression
        self.strip = strip
        self.range = range
    }
}

/// `%{ if cond }...%{ else }...%{ endif }` inside a template.
public struct TemplateIf: Sendable, Hashable {
    /// The condition.
    public var condition: HCLExpression
    /// Parts used when the condition is true.
    public var thenParts: [TemplatePart]
    /// Parts used when false; nil when there is no `%{ else }`.
    public var elseParts: [TemplatePart]?
    /// Strip markers of `%{ if }`, `%{ else }` (if present) and `%{ endif }`.
    public var ifStrip: TemplateStrip, elseStrip: TemplateStrip?, endIfStrip: TemplateStrip
    /// Span from `%{ if` to the `}` of `%{ endif }`.
    public var range: SourceRange

    /// Creates an if directive.
    public init(
        condition: HCLExpression, thenParts: [TemplatePart], elseParts: [TemplatePart]?,
        ifStrip: TemplateStrip, elseStrip: TemplateStrip?, endIfStrip: TemplateStrip, range: SourceRange
    ) {
        self.condition = condition
        self.thenParts = thenParts
        self.elseParts = elseParts
        self.ifStrip = ifStrip
        self.elseStrip = elseStrip
        self.endIfStrip = endIfStrip
        self.range = range
    }
}

/// `%{ for k, v in collection }...%{ endfor }` inside a template.
public struct TemplateFor: Sendable, Hashable {
    /// The first name in `for k, v`, when two names are given.
    public var keyVariable: String?
    /// The (last) iteration variable name.
    public var valueVariable: String
    /// The collection iterated over.
    public var collection: HCLExpression
    /// Parts repeated for each element.
    public var body: [TemplatePart]
    /// Strip markers of `%{ for }` and `%{ endfor }`.
    public var forStrip: TemplateStrip, endForStrip: TemplateStrip
    /// Span from `%{ for` to the `}` of `%{ endfor }`.
    public var range: SourceRange

    /// Creates a for directive.
    public init(
        keyVariable: String?, valueVariable: String, collection: HCLExpression, body: [TemplatePart],
        forStrip: TemplateStrip, endForStrip: TemplateStrip, range: SourceRange
    ) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.body = body
        self.forStrip = forStrip
        self.endForStrip = endForStrip
        self.range = range
    }
}
