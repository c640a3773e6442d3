import Testing
@testable import HCL

@Suite("Bodies: attributes, blocks, comments, positions")
struct BodyTests {
    @Test func emptyInputIsAnEmptyBody() throws {
        let file = try parse("")
        #expect(file.body.items.isEmpty)
        #expect(file.path == "test.tf")
        #expect(try parse("\n\n   \n# only a comment\n").body.items.isEmpty)
    }

    @Test func attributesKeepNamesValuesAndPositions() throws {
        let file = try parse(
            """
            name = "public-alb-test"
              port   = 443

            internal = false
            """)
        let attributes = file.body.attributes
        #expect(attributes.map(\.name) == ["name", "port", "internal"])
        #expect(attributes[0].expression.literalString == "public-alb-test")
        #expect(attributes[1].position == SourcePosition(file: "test.tf", line: 2, column: 3))
        #expect(attributes[1].expression.position == SourcePosition(file: "test.tf", line: 2, column: 12))
        #expect(attributes[2].position.line == 4)
        #expect(attributes[2].expression.kind == .bool(false))
        #expect(attributes[1].nameRange.end.column == 7)
    }

    /// The name's span is counted from the attribute's start, not stored: columns in characters,
    /// offsets in bytes, as the lexer counts them.
    @Test func attributeNameRangeCountsCharactersAndBytes() throws {
        let file = try parse("  h\u{E9}llo_\u{1F600} = 1\n")
        let name = try #require(file.body.attributes.first).nameRange
        // "  " then h, é (2 bytes), l, l, o, _, 😀 (4 bytes): 7 characters in 11 bytes.
        #expect(name.start == SourcePoint(line: 1, column: 3, offset: 2))
        #expect(name.end == SourcePoint(line: 1, column: 10, offset: 13))
        #expect(name.file == "test.tf")
    }

    /// Ranges carry a number for their file: equal paths give equal ranges, other paths unequal ones.
    @Test func rangesCompareByPath() throws {
        let a = try HCLParser.parse("x = 1\n", path: "one.tf").body.attributes[0].range
        let b = try HCLParser.parse("x = 1\n", path: "one.tf").body.attributes[0].range
        let c = try HCLParser.parse("x = 1\n", path: "two.tf").body.attributes[0].range
        #expect(a == b && a.hashValue == b.hashValue && a.isInSameFile(as: b))
        #expect(a != c && !a.isInSameFile(as: c))
        #expect(c.file == "two.tf" && c.position == SourcePosition(file: "two.tf", line: 1, column: 1))
        #expect(SourceRange(file: "two.tf", start: c.start, end: c.end) == c)
        var moved = a
        moved.file = "two.tf"
        #expect(moved == c && moved.file == "two.tf" && a.file == "one.tf")
    }

    /// A block's fields share one box: changing a copy leaves the original as it was.
    @Test func blockCopiesAreIndependent() throws {
        let original = try #require(try parse("resource \"aws_lb\" \"a\" {\n  name = \"x\"\n}\n").body.blocks.first)
        var copy = original
        #expect(copy == original)
        copy.labels[1] = "b"
        copy.body.items.removeAll()
        #expect(original.labels == ["aws_lb", "a"] && original.body.items.count == 1)
        #expect(copy.labels == ["aws_lb", "b"] && copy.body.items.isEmpty && copy.type == "resource")
        #expect(copy != original)
    }

    @Test func blocksWithQuotedAndBareLabels() throws {
        let file = try parse(
            """
            resource "aws_lb" "public_alb" {
              name = "x"
            }
            provider aws {
            }
            locals {}
            """)
        let blocks = file.body.blocks
        #expect(blocks.count == 3)
        #expect(blocks[0].type == "resource")
        #expect(blocks[0].labels == ["aws_lb", "public_alb"])
        #expect(blocks[0].labelDetails.map(\.isQuoted) == [true, true])
        #expect(blocks[0].labelDetails[1].range.start.column == 19)
        #expect(blocks[0].address == "aws_lb.public_alb")
        #expect(blocks[0].attribute(named: "name")?.expression.literalString == "x")
        #expect(blocks[0].range.start.line == 1 && blocks[0].range.end.line == 3)
        #expect(blocks[1].labels == ["aws"])
        #expect(blocks[1].labelDetails[0].isQuoted == false)
        #expect(blocks[2].labels.isEmpty && blocks[2].body.items.isEmpty)
        #expect(blocks[2].position == SourcePosition(file: "test.tf", line: 6, column: 1))
    }

    @Test func oneLineBlocks() throws {
        let file = try parse(
            """
            x { a = 1 }
            lifecycle { create_before_destroy = true }
            empty "e" {}
            """)
        #expect(file.body.blocks.count == 3)
        #expect(file.body.blocks[0].attribute(named: "a")?.expression.evaluate() == .known(1))
        #expect(file.body.blocks[1].attribute(named: "create_before_destroy")?.expression.kind == .bool(true))
        #expect(file.body.blocks[2].labels == ["e"])
    }

    /// hclsyntax/spec.md, "Structural Elements":
    ///     Block        = Identifier (StringLit|Identifier)* "{" Newline Body "}" Newline;
    ///     OneLineBlock = Identifier (StringLit|Identifier)* "{" (Identifier "=" Expression)? "}" Newline;
    /// Content on the opening line makes a single-line block: one attribute, closed on the same line.
    @Test func singleLineBlocksFollowTheSpec() throws {
        let valid = try parse(
            """
            a { b = 1 }
            c "x" { list = [
              1,
              2] }
            d { # a comment ends the opening line
              e = 1
            }
            f { /* only a comment */ }
            g {}
            h {
            }
            i { j = 1 } # trailing comment
            k { l = 1 }
            """)
        #expect(valid.body.blocks.map(\.type) == ["a", "c", "d", "f", "g", "h", "i", "k"])
        #expect(valid.body.blocks[1].attribute(named: "list")?.expression.evaluate() == .known([1, 2]))

        // Each message is checked against a hand count of the column.
        let rejected: [(String, String)] = [
            // hclsyntax: "Invalid single-argument block definition" (must also be closed on the same line).
            ("a { b = 1\n}", "1:10: expected '}' on the same line: a single-line block opened at 1:3 holds only one attribute, found newline"),
            // hclsyntax: "Single-line block syntax can include only one argument definition."
            ("a { b = 1, c = 2 }", "1:10: expected '}' on the same line: a single-line block opened at 1:3 holds only one attribute, found ','"),
            ("a { b = 1", "1:10: expected '}' on the same line: a single-line block opened at 1:3 holds only one attribute, found end of file"),
            // hclsyntax: "Argument definition required ... To define a nested block, place it on a line of its own".
            ("a { b {} }", "1:7: expected '=' (a single-line block holds one attribute, not a nested block), found '{'"),
            ("a { b \"x\" {} }", "1:7: expected '=' (a single-line block holds one attribute, not a nested block), found string"),
            ("a { 1 }", "1:5: expected attribute name or newline after '{', found number 1"),
            // `Attribute = Identifier "=" Expression Newline;` holds inside multi-line blocks too.
            ("a {\n b = 1 }", "2:8: expected newline after attribute value, found '}'"),
            // Blocks end with `"}" Newline`: hclsyntax's "Missing newline after block definition".
            ("a {\n b {\n }}", "3:3: expected newline after block, found '}'"),
            ("a { b = 1 } c = 2", "1:13: expected newline after block, found identifier \"c\""),
        ]
        for (source, message) in rejected {
            #expect(parseError(source)?.description == "bad.tf:" + message, "\(source)")
        }
    }

    @Test func nestedBlocks() throws {
        let file = try parse(
            """
            resource "aws_lb_target_group" "test" {
              port = 443
              health_check {
                matcher = "200,403"
                port    = 443
              }
            }
            """)
        let resource = try #require(file.body.block(type: "resource", labels: ["aws_lb_target_group", "test"]))
        let health = try #require(resource.blocks(type: "health_check").first)
        #expect(health.attribute(named: "matcher")?.expression.literalString == "200,403")
        #expect(health.position == SourcePosition(file: "test.tf", line: 3, column: 3))
        #expect(health.body.range.start.line == 3 && health.body.range.end.line == 6)
    }

    @Test func blockLookupHelpers() throws {
        let file = try parse(
            """
            resource "aws_lb" "a" {}
            resource "aws_lb" "b" {}
            resource "aws_vpc" "a" {}
            data "aws_lb" "a" {}
            """)
        #expect(file.body.blocks(type: "resource").count == 3)
        #expect(file.body.blocks(type: "resource", labels: ["aws_lb"]).map { $0.labels[1] } == ["a", "b"])
        #expect(file.body.block(type: "resource", labels: ["aws_vpc", "a"]) != nil)
        #expect(file.body.block(type: "resource", labels: ["aws_vpc"]) == nil)
        #expect(file.body.blocks(type: "data").count == 1)
        #expect(file.body.attribute(named: "missing") == nil)
    }

    @Test func allCommentStylesAreIgnored() throws {
        let file = try parse(
            """
            # hash comment
            // slash comment
            /* block
               comment */ a = 1 # trailing
            b = /* inline */ 2 // trailing
            c = [ /* in a tuple */
              3, # element
            ]
            d = "# not a comment // nor /* this */"
            """)
        #expect(file.body.attributes.map(\.name) == ["a", "b", "c", "d"])
        #expect(file.body.attribute(named: "a")?.position.line == 4)
        #expect(file.body.attribute(named: "b")?.expression.evaluate() == .known(2))
        #expect(file.body.attribute(named: "c")?.expression.evaluate() == .known([3]))
        #expect(file.body.attribute(named: "d")?.expression.literalString == "# not a comment // nor /* this */")
    }

    @Test func crlfLineEndingsAndByteOrderMark() throws {
        let file = try parse("\u{FEFF}a = 1\r\nblock {\r\n  b = \"x\"\r\n}\r\n")
        #expect(file.body.attribute(named: "a")?.expression.evaluate() == .known(1))
        #expect(file.body.blocks.first?.attribute(named: "b")?.expression.literalString == "x")
        #expect(file.body.attribute(named: "a")?.position.column == 1)
    }

    @Test func unicodeColumnsCountScalars() throws {
        let file = try parse("s = \"héllo\" # ü\nt = 2")
        #expect(file.body.attribute(named: "s")?.expression.literalString == "héllo")
        #expect(file.body.attribute(named: "s")?.expression.range.end.column == 12)
        #expect(file.body.attribute(named: "t")?.position.line == 2)
    }

    @Test func countAndForEachAreOrdinaryAttributes() throws {
        let file = try parse(
            """
            resource "aws_instance" "web" {
              count    = 2
              for_each = toset(["a", "b"])
              name     = "web-${count.index}-${each.value}"
            }
            """)
        let block = try #require(file.body.blocks.first)
        #expect(block.attribute(named: "count")?.expression.evaluate() == .known(2))
        #expect(block.attribute(named: "for_each")?.expression.evaluate() == .known(["a", "b"]))
        #expect(refs(try #require(block.attribute(named: "name")).expression) == ["count.index", "each.value"])
    }

    @Test func exactSourceTextOfNodes() throws {
        let text = "a = tolist( aws_vpc_endpoint.x.ids )[0]  # comment\n"
        let file = try parse(text)
        let expression = try #require(file.body.attribute(named: "a")).expression
        #expect(file.sourceText(of: expression) == "tolist( aws_vpc_endpoint.x.ids )[0]")
        #expect(expression.sourceText == "tolist(aws_vpc_endpoint.x.ids)[0]")
    }

    @Test func bodyReferencesCoverNestedBlocks() throws {
        let file = try parse(
            """
            resource "aws_lb_listener" "l" {
              load_balancer_arn = aws_lb.public_alb.arn
              default_action {
                target_group_arn = aws_lb_target_group.test.arn
              }
            }
            """)
        #expect(file.body.references.map(\.description) == ["aws_lb.public_alb.arn", "aws_lb_target_group.test.arn"])
    }
}
