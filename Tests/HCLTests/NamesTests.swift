import Testing
@testable import HCL

/// A parse keeps each name of more than 15 bytes once: the same name written many times is one string.
@Suite("Names: each long identifier kept once per parse")
struct NamesTests {
    /// Where a string's bytes are stored: equal for two strings that share their storage.
    private func storage(_ text: String) -> UnsafePointer<UInt8>? {
        var text = text
        return text.withUTF8 { $0.baseAddress }
    }

    @Test func aRepeatedLongNameIsOneString() throws {
        let file = try HCLParser.parse(
            """
            resource "aws_lb_target_group" "a" {
              vpc_security_group_ids = [aws_security_group.load_balancer.id]
            }
            resource "aws_lb_target_group" "b" {
              vpc_security_group_ids = [aws_security_group.load_balancer.id]
            }

            """, path: "main.tf")
        let blocks = file.body.blocks
        #expect(blocks.map { $0.labels[0] } == ["aws_lb_target_group", "aws_lb_target_group"])
        #expect(storage(blocks[0].labels[0]) == storage(blocks[1].labels[0]))
        let names = blocks.map { $0.body.attributes[0].name }
        #expect(names == ["vpc_security_group_ids", "vpc_security_group_ids"])
        #expect(storage(names[0]) == storage(names[1]))
        func root(_ block: Block) -> String? {
            guard case .tuple(let items) = block.body.attributes[0].expression.kind, case .traversal(let base, _) = items[0].kind,
                case .variable(let name) = base.kind
            else { return nil }
            return name
        }
        #expect(root(blocks[0]) == "aws_security_group")
        #expect(storage(root(blocks[0])!) == storage(root(blocks[1])!))
    }

    @Test func theTableKeepsEveryNameApartAsItGrows() {
        // 5,000 names: the table starts at 1,024 slots and doubles at half full, four times.
        let names = Names()
        let words = (0..<5_000).map { "a_long_identifier_\($0)" }
        let first = words.map { names.string($0) }
        #expect(first == words)
        let again = words.map { names.string($0) }
        #expect(zip(first, again).allSatisfy { storage($0) == storage($1) })
        // Names of up to 15 bytes are not kept: they are stored in the string value itself.
        #expect(names.string("fifteen_bytes_x") == "fifteen_bytes_x")
        #expect(names.string("aws_lb_listener_") == "aws_lb_listener_")
    }
}

@Suite("Template text split by the lexer is joined into one part")
struct JoinedLiteralTests {
    @Test func joinedTextSharesItsValueOnlyWithoutEscapes() throws {
        // A heredoc is lexed a line at a time; its lines join into one literal part.
        let file = try HCLParser.parse("x = <<EOT\nfirst line of the text\nsecond line\nEOT\ny = \"a\\tb\"\n", path: "t.tf")
        guard case .template(let template) = file.body.attributes[0].expression.kind, template.parts.count == 1,
            case .literal(let literal) = template.parts[0]
        else {
            Issue.record("expected one literal part")
            return
        }
        #expect(literal.value == "first line of the text\nsecond line\n" && literal.text == literal.value)
        var text = literal.text, value = literal.value
        #expect(text.withUTF8 { $0.baseAddress } == value.withUTF8 { $0.baseAddress })
    }
}
