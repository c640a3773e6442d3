import Testing
@testable import HCL

@Suite("References inside expressions")
struct ReferenceTests {
    @Test func simpleTraversals() throws {
        let reference = try #require(try expr("aws_lb.public_alb.arn").references.first)
        #expect(reference.root == "aws_lb")
        #expect(reference.steps == [.attribute("public_alb"), .attribute("arn")])
        #expect(reference.attributePath == ["aws_lb", "public_alb", "arn"])
        #expect(reference.description == "aws_lb.public_alb.arn")
        #expect(reference.position == SourcePosition(file: "expr.tf", line: 1, column: 5))
        #expect(refs(try expr("var.region")) == ["var.region"])
        #expect(refs(try expr("data.aws_network_interface.nic1.private_ip")) == ["data.aws_network_interface.nic1.private_ip"])
        #expect(refs(try expr("vpce")) == ["vpce"])
    }

    @Test func referencesEverywhere() throws {
        let e = try expr(
            """
            concat([for x in var.a : x.id], {k = local.b}, "${data.c.d.e}", f(g.h), i ? j.k : l.m[n.o], -p.q, (r.s))
            """)
        #expect(refs(e) == ["var.a", "local.b", "data.c.d.e", "g.h", "i", "j.k", "l.m", "n.o", "p.q", "r.s"])
    }

    @Test func staticIndexesAreKeptDynamicOnesEndTheReference() throws {
        #expect(refs(try expr("var.subnets[0]")) == ["var.subnets[0]"])
        #expect(refs(try expr("var.m[\"k\"].id")) == [#"var.m["k"].id"#])
        #expect(refs(try expr("aws_instance.web.0.id")) == ["aws_instance.web[0].id"])
        #expect(refs(try expr("aws_instance.web[*].id")) == ["aws_instance.web"])
        #expect(refs(try expr("tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]")) == ["aws_vpc_endpoint.execute_api.network_interface_ids"])
    }

    @Test func boundVariablesAreNotReferences() throws {
        #expect(refs(try expr("{for k, v in var.m : k => v.x if v.y}")) == ["var.m"])
        #expect(refs(try expr("[for v in var.m : [for w in v : w + z]]")) == ["var.m", "z"])
        // The collection is outside the binding scope.
        #expect(refs(try expr("[for v in v : v]")) == ["v"])
    }

    @Test func objectKeysAreNotReferencesUnlessParenthesized() throws {
        #expect(refs(try expr("{ Name = \"x\" }")).isEmpty)
        #expect(refs(try expr("{ (var.k) = 1 }")) == ["var.k"])
    }
}
