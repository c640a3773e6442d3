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

        """.write(to: directory.appendingPathComponent("a.tf"), atomically: true, encoding: .utf8)
        try """
        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }

        resource "aws_lb" "d" {
          name = "d"
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
            loaded.resources("aws_lb").map(\.address) == ["module.net.aws_lb.inner", "aws_lb.a", "aws_lb.b[0]", "aws_lb.b[1]", "aws_lb.c", "aws_lb.d"])
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
        #expect(rebuilt == loaded)
    }

    @Test func instancesStayInTheOrderOfTheBlocks() {
        var instances = TerraformConfiguration.Instances(first: 5)
        for index in [9, 2, 7, 5, 2, 0] { instances.insert(index) }
        #expect(instances.all == [0, 2, 5, 7, 9])
    }
}
