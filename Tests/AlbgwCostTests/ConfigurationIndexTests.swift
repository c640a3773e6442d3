import Foundation
import Testing

@testable import AlbgwCost

/// A configuration loaded from files is indexed as its blocks are made (`TerraformConfiguration.Indexed`):
/// the root module's plain resources while their files parse, the rest as the modules are expanded.
/// The indexes must be those of a configuration indexed from its finished list of blocks, and the
/// look-ups must give what the files declare, in source order.
@Suite struct ConfigurationIndexTests {
    @Test func indexesMadeWhileLoadingAreThoseOfTheFinishedBlocks() throws {
        let directory = try emptyDirectory("albgw-index")
        defer { try? FileManager.default.removeItem(at: directory) }
        let module = directory.appendingPathComponent("modules/net")
        try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
        // Plain resources (converted while the file parses) among ones with count and for_each, data
        // sources, variables, outputs, a provider, and a local that stands for a module output's
        // references (the blocks that read it are parsed again).
        try """
        provider "aws" {
          region = "us-west-2"
        }

        variable "n" {
          default = 2
        }

        resource "aws_lb" "a" {
          name = "a"
        }

        resource "aws_lb" "b" {
          count = var.n
          name  = "b-${count.index}"
        }

        data "aws_vpc" "main" {}

        resource "aws_lb_target_group" "t" {
          for_each = toset(["x", "y"])
          name     = each.key
        }

        module "net" {
          source = "./modules/net"
        }

        locals {
          subnet = module.net.subnet_id
        }

        resource "aws_lb" "c" {
          subnets = [local.subnet]
        }

        output "a" {
          value = aws_lb.a.arn
        }

        resource "aws_lb_listener" "back" {
          load_balancer_arn = aws_lb.a.arn
        }

        resource "aws_lb_listener" "ahead" {
          load_balancer_arn = aws_lb.d.arn
        }

        resource "aws_lb_listener" "nowhere" {
          load_balancer_arn = aws_lb.nope.arn
        }

        resource "aws_lb_listener" "keyed" {
          load_balancer_arn = aws_lb.b[5].arn
        }

        resource "local" "x" {}

        resource "aws_lb_listener" "reads_local" {
          load_balancer_arn = local.x
        }

        """.write(to: directory.appendingPathComponent("a.tf"), atomically: true, encoding: .utf8)
        try """
        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }

        resource "aws_lb" "d" {
          name = "d"
        }

        resource "aws_lb" "x.y" {
          name = "dotted name"
        }

        resource "aws_lb.x" "y" {
          name = "dotted type"
        }

        """.write(to: directory.appendingPathComponent("b.tf"), atomically: true, encoding: .utf8)
        try """
        resource "aws_subnet" "s" {
          vpc_id = "vpc-1"
        }

        resource "aws_lb" "inner" {
          subnets = [aws_subnet.s.id]
        }

        output "subnet_id" {
          value = aws_subnet.s.id
        }

        """.write(to: module.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)

        let loaded = try TerraformLoader.load(directory.path, inputs: VariableInputs())
        // Written out: every ALB in the order of the files and of their blocks, the module's after the
        // call that makes them (a module's blocks come where it is called).
        #expect(
            loaded.resources("aws_lb").map(\.address) == ["module.net.aws_lb.inner", "aws_lb.a", "aws_lb.b[0]", "aws_lb.b[1]", "aws_lb.c", "aws_lb.d", "aws_lb.x.y"])
        // Two declarations with one address (a label with a dot): both indexed, in order.
        #expect(loaded.block(address: "aws_lb.x.y")?["name"]?.value == .string("dotted name"))
        #expect(loaded.resources("aws_lb.x").map { $0["name"]?.value } == [.string("dotted type")])
        #expect(loaded.resources("aws_lb_target_group").map(\.address) == ["aws_lb_target_group.t[\"x\"]", "aws_lb_target_group.t[\"y\"]"])
        #expect(loaded.resources("aws_vpc").map(\.address) == ["aws_vpc.main"])
        #expect(loaded.data("aws_vpc").map(\.address) == ["data.aws_vpc.main"])
        #expect(loaded.block(address: "aws_lb.b")?.address == "aws_lb.b[0]")
        #expect(loaded.block(address: "aws_lb.b[1]")?.address == "aws_lb.b[1]")
        #expect(loaded.block(address: "aws_lb.d")?.position.file == "b.tf")
        #expect(loaded.instanceKeys(of: "aws_lb.b") == ["[0]", "[1]"])
        #expect(loaded.declares("aws_lb.a") && loaded.declares("data.aws_vpc.main") && loaded.declares("var.n") && loaded.declares("module.net"))
        #expect(!loaded.declares("aws_lb.e") && !loaded.declares("aws_vpc.other"))
        #expect(loaded.providers.map(\.address) == ["provider.aws"])
        let subnets = try #require(loaded.block(address: "aws_lb.c")?["subnets"])
        #expect(subnets.references.map(\.text).contains("module.net.aws_subnet.s.id"))

        // The same blocks indexed from the finished list, as a plan's JSON or a test's are.
        var rebuilt = TerraformConfiguration(
            files: loaded.files, blocks: loaded.blocks, givenVariables: loaded.givenVariables, notes: loaded.notes, warnings: loaded.warnings,
            declaredWithoutInstances: loaded.declaredWithoutInstances, declaredLocals: loaded.declaredLocals)
        rebuilt.failedValidations = loaded.failedValidations
        rebuilt.typesDeclaredElsewhere = loaded.typesDeclaredElsewhere
        rebuilt.unreadSiblings = loaded.unreadSiblings
        rebuilt.unreadModules = loaded.unreadModules
        // The references found declared as the blocks were made: those of plain resources to
        // declarations met before them. The review passes over those blocks; it finds the same.
        #expect(rebuilt.referencesChecked.isEmpty)
        #expect(TerraformReview.referenceFindings(rebuilt) == TerraformReview.referenceFindings(loaded))
        #expect(
            TerraformReview.referenceFindings(loaded).map(\.message).sorted() == [
                "aws_lb_listener.keyed refers to aws_lb.b[5], but its count or for_each makes only [0], [1]: terraform plan fails (invalid index)",
                "aws_lb_listener.nowhere refers to aws_lb.nope, which no file declares: terraform plan fails",
                "aws_lb_listener.reads_local refers to local.x, which no file declares: terraform plan fails",
            ])
        func checked(_ address: String) -> Bool? { loaded.blocks.firstIndex { $0.address == address }.map { loaded.referencesChecked[$0] } }
        #expect(checked("aws_lb.a") == true && checked("data.aws_vpc.main") == true && checked("aws_lb_listener.back") == true && checked("aws_lb.d") == true)
        // Ahead of what it names, to nothing declared, to an instance, through a local, or not plain.
        #expect(checked("aws_lb_listener.ahead") == false && checked("aws_lb_listener.nowhere") == false && checked("aws_lb_listener.keyed") == false)
        // A local value is checked against the locals, whatever a resource of type "local" is called.
        #expect(checked("aws_lb_listener.reads_local") == false)
        #expect(checked("aws_lb.c") == false && checked("aws_lb.b[0]") == false && checked("module.net.aws_lb.inner") == false && checked("var.n") == false)
        rebuilt.referencesChecked = loaded.referencesChecked
        #expect(rebuilt == loaded)
    }

    @Test func instancesStayInTheOrderOfTheBlocks() {
        var instances = TerraformConfiguration.Instances(first: 5)
        for index in [9, 2, 7, 5, 2, 0] { instances.insert(index) }
        #expect(instances.all == [0, 2, 5, 7, 9])
    }
}
