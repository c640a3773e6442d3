import Testing
@testable import HCL

@Suite("Templates: strings, escapes, interpolation, directives, heredocs")
struct TemplateTests {
    @Test func plainStringIsOneLiteral() throws {
        let t = try #require(try expr("\"us-west-2\"").template)
        #expect(t.style == .quoted)
        #expect(t.literalValue == "us-west-2")
        #expect(t.parts.count == 1)
    }

    @Test func interpolationParts() throws {
        let e = try expr("\"${var.custom_domain_name_prefix}.${var.domain_name}\"")
        let t = try #require(e.template)
        #expect(t.parts.count == 3)
        guard case .interpolation(let first) = t.parts[0], case .literal(let dot) = t.parts[1] else {
            Issue.record("unexpected parts")
            return
        }
        #expect(first.expression.sourceText == "var.custom_domain_name_prefix")
        #expect(first.expression.position.column == 8)
        #expect(dot.value == ".")
        #expect(e.evaluate(variables: ["custom_domain_name_prefix": "api", "domain_name": "example.com"]) == .known("api.example.com"))
        #expect(e.sourceText == "\"${var.custom_domain_name_prefix}.${var.domain_name}\"")
    }

    @Test func escapeSequences() throws {
        let e = try expr(#""tab\there \"q\" back\\slash\nnl \u00e9 \U0001F600 $${literal} %%{literal}""#)
        #expect(e.literalString == "tab\there \"q\" back\\slash\nnl é 😀 ${literal} %{literal}")
        // The written text is preserved for rendering.
        #expect(e.sourceText == #""tab\there \"q\" back\\slash\nnl \u00e9 \U0001F600 $${literal} %%{literal}""#)
    }

    @Test func nestedTemplatesAndBracesInsideInterpolation() throws {
        let e = try expr(#""a${ {k = "}"}.k }b${"inner ${var.x}"}c""#)
        #expect(e.evaluate(variables: ["x": "X"]) == .known("a}binner Xc"))
    }

    @Test func ifDirective() throws {
        let e = try expr(#""%{ if var.on }yes%{ else }no%{ endif }!""#)
        let t = try #require(e.template)
        guard case .ifDirective(let directive) = t.parts[0] else {
            Issue.record("expected if directive")
            return
        }
        #expect(directive.condition.sourceText == "var.on")
        #expect(directive.thenParts.count == 1)
        #expect(directive.elseParts?.count == 1)
        #expect(e.evaluate(variables: ["on": true]) == .known("yes!"))
        #expect(e.evaluate(variables: ["on": false]) == .known("no!"))
        #expect(try expr(#""%{if true}only%{endif}""#).evaluate() == .known("only"))
    }

    @Test func forDirective() throws {
        let e = try expr(#""%{ for i, name in var.names }${i}=${name};%{ endfor }""#)
        guard case .forDirective(let directive) = try #require(e.template).parts[0] else {
            Issue.record("expected for directive")
            return
        }
        #expect(directive.keyVariable == "i" && directive.valueVariable == "name")
        #expect(directive.collection.sourceText == "var.names")
        #expect(e.evaluate(variables: ["names": ["a", "b"]]) == .known("0=a;1=b;"))
        // Iteration variables are not references.
        #expect(refs(e) == ["var.names"])
    }

    @Test func stripMarkers() throws {
        let heredoc = try expr(
            """
            <<EOT
            items:
            %{~ for x in ["a", "b"] ~}
              - ${x}
            %{~ endfor ~}

            done
            EOT
            """)
        #expect(heredoc.evaluate() == .known("items:- a- bdone\n"))
        #expect(try expr(#""a   ${~ "b" ~}   c""#).evaluate() == .known("abc"))
        #expect(try expr(#""a   ${ "b" ~}   c""#).evaluate() == .known("a   bc"))
        let t = try #require(try expr(#""x ${~ 1 } y""#).template)
        guard case .literal(let lead) = t.parts[0], case .interpolation(let i) = t.parts[1] else {
            Issue.record("unexpected parts")
            return
        }
        #expect(lead.text == "x " && lead.value == "x")
        #expect(i.strip == TemplateStrip(left: true, right: false))
    }

    @Test func heredocKeepsContentVerbatim() throws {
        let file = try parse(
            """
            resource "aws_iam_role" "role" {
              assume_role_policy = <<POLICY
            {
              "Version": "2012-10-17",
              "Escaped": "\\n stays"
            }
            POLICY
            provider = aws.crossaccount
            }
            """)
        let block = try #require(file.body.blocks.first)
        let policy = try #require(block.attribute(named: "assume_role_policy")).expression
        let t = try #require(policy.template)
        #expect(t.style == .heredoc(marker: "POLICY", indented: false))
        #expect(t.literalValue == "{\n  \"Version\": \"2012-10-17\",\n  \"Escaped\": \"\\n stays\"\n}\n")
        #expect(block.attribute(named: "provider")?.expression.sourceText == "aws.crossaccount")
        #expect(policy.range.start.line == 2 && policy.range.end.line == 7)
        #expect(policy.sourceText == "<<POLICY\n{\n  \"Version\": \"2012-10-17\",\n  \"Escaped\": \"\\n stays\"\n}\nPOLICY")
    }

    @Test func indentedHeredocStripsCommonIndentation() throws {
        let e = try expr(
            """
            <<-EOT
                first
                  second ${var.x}

                third
              EOT
            """)
        #expect(e.evaluate(variables: ["x": "X"]) == .known("first\n  second X\n\nthird\n"))
        guard case .heredoc(let marker, let indented)? = e.template?.style else {
            Issue.record("expected heredoc")
            return
        }
        #expect(marker == "EOT" && indented)
    }

    @Test func heredocInterpolationsAndDirectives() throws {
        let e = try expr(
            """
            <<EOF
            arn: ${aws_api_gateway_rest_api.private_api.execution_arn}*
            %{ if var.strict }strict%{ endif }
            $${not_interpolated}
            EOF
            """)
        #expect(refs(e) == ["aws_api_gateway_rest_api.private_api.execution_arn", "var.strict"])
        #expect(
            e.evaluate(variables: ["strict": true])
                == .unknown(reason: "aws_api_gateway_rest_api.private_api.execution_arn is a reference to a resource attribute, known only after apply"))
        let withoutReference = try expr("<<EOF\n%{ if var.strict }strict%{ endif }\n$${x}\nEOF")
        #expect(withoutReference.evaluate(variables: ["strict": true]) == .known("strict\n${x}\n"))
    }

    @Test func emptyStringAndEmptyHeredoc() throws {
        #expect(try expr("\"\"").literalString == "")
        #expect(try expr("<<EOF\nEOF").literalString == "")
    }

    @Test func singleInterpolationKeepsItsType() throws {
        #expect(try expr("\"${1 + 1}\"").evaluate() == .known(2))
        #expect(try expr("\"${var.list}\"").evaluate(variables: ["list": [1]]) == .known([1]))
    }

    @Test func crlfHeredoc() throws {
        let file = try parse("a = <<EOF\r\nline ${var.x}\r\nEOF\r\nb = 2\r\n")
        let a = try #require(file.body.attribute(named: "a")).expression
        #expect(a.template?.style == .heredoc(marker: "EOF", indented: false))
        #expect(a.evaluate(variables: ["x": "1"]) == .known("line 1\r\n"))
        #expect(file.body.attribute(named: "b")?.position.line == 4)
    }
}
