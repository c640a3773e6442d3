/// What `albgw-cost review` read from a configuration: carried in the report for every renderer.
package struct TerraformReviewResult: Sendable, Equatable {
    /// The files read, relative to the path given: the root module's, the modules' and the variable files.
    package var files: [String]
    /// Every design instance, in source order; one recognition without a design when there is none.
    package var designs: [Recognition]
    package var findings: [ReviewFinding]
    /// What reading noticed that the user should act on: values for variables nobody declares.
    package var warnings: [String] = []
    /// What the configuration leaves open for every instance: unset variables, modules not followed.
    package var unknowns: [String] = []
    /// With a workload: what each instance's design costs in its own scenario (parallel to `designs`).
    package var costs: [InstanceCost?] = []
    /// Module calls whose contents were not read (`TerraformConfiguration.unreadModules`): the review
    /// covers only the code read.
    package var unreadModules: [UnreadModule] = []

    package init(
        files: [String], designs: [Recognition], findings: [ReviewFinding], warnings: [String] = [], unknowns: [String] = [], costs: [InstanceCost?] = []
    ) {
        self.unknowns = unknowns
        self.files = files
        self.designs = designs
        self.findings = findings
        self.warnings = warnings
        self.costs = costs
    }

    package init(files: [String], recognition: Recognition, findings: [ReviewFinding]) {
        self.init(files: files, designs: [recognition], findings: findings)
    }

    /// The first design instance (or what is missing for any).
    package var recognition: Recognition { designs[0] }
    /// True when the code implements at least one of the designs.
    package var implementsADesign: Bool { designs.contains { $0.design != nil } }
}

/// One instance's design priced with the instance's own parameters.
package struct InstanceCost: Sendable, Equatable {
    package var monthly: ExactDecimal
    package var perMillionRequests: ExactDecimal
    package var complete: Bool
    package var feasible: Bool
    /// Which analysis priced it: 0 for the report's own, k for the k-th of the others (instances whose
    /// code fixes the same parameters share one).
    package var analysis: Int = 0
}

extension Recognition {
    /// The recognised parameters as option values, so they enter the scenario as a preset does
    /// (explicit options still win). Counts AWS would reject are clamped, and said so.
    package func optionValues() -> (values: [String: String], notes: [String]) {
        var values: [String: String] = [:]
        var notes: [String] = []
        if let region { values["--region"] = region }
        if let albScheme { values["--alb-scheme"] = albScheme.rawValue }
        if let azs {
            let clamped = min(max(azs, 2), 6)
            if clamped != azs { notes.append("the ALB's \(azs) AZ(s) were modelled as \(clamped): an ALB spans 2 to 6") }
            values["--azs"] = "\(clamped)"
        }
        if let vpceSubnets {
            let clamped = min(max(vpceSubnets, 1), 6)
            if clamped != vpceSubnets { notes.append("the endpoint's \(vpceSubnets) subnet(s) were modelled as \(clamped)") }
            values["--vpce-subnets"] = "\(clamped)"
        }
        if let registeredTargets {
            if registeredTargets == 0 { notes.append("no endpoint IP is registered; modelled as 1 so that the design can be priced") }
            values["--registered-targets"] = "\(max(1, registeredTargets))"
        }
        if let targetIPs { values["--target-ips"] = targetIPs.rawValue }
        if let privateDNS { values["--private-dns"] = privateDNS ? "on" : "off" }
        if let accounts { values["--accounts"] = accounts.rawValue }
        if let lambdaMemoryMB { values["--lambda-memory-mb"] = "\(lambdaMemoryMB)" }
        if let lambdaArchitecture { values["--lambda-arch"] = lambdaArchitecture.rawValue }
        if let lambdaTimeoutS { values["--lambda-timeout-s"] = "\(lambdaTimeoutS)" }
        if let lambdaEphemeralMB { values["--lambda-ephemeral-mb"] = "\(lambdaEphemeralMB)" }
        if let albIdleTimeoutS { values["--alb-idle-timeout-s"] = "\(albIdleTimeoutS)" }
        if let albRules { values["--alb-rules"] = "\(albRules)" }
        if let apigwTimeoutS { values["--apigw-timeout-s"] = apigwTimeoutS }
        if let dnsRecord { values["--dns-record"] = dnsRecord.rawValue }
        if errorAlarms { values["--error-alarms"] = "on" }
        return (values, notes)
    }
}
