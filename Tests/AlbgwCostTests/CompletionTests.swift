import Foundation
import Testing
@testable import AlbgwCost

/// `albgw-cost completions bash|zsh|fish`, loaded into the real shells: bash always (its
/// completion is simulated through COMP_WORDS), zsh and fish where they are installed (`.ci/run`
/// installs them).
@Suite struct CompletionTests {
    /// The script for `shell`, written to a temporary file.
    static func script(_ shell: String) throws -> URL {
        let result = CLI.run(["completions", shell])
        #expect(result.exitCode == 0 && result.stderr.isEmpty)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-cost-completion-\(UUID().uuidString).\(shell)")
        try Data(result.stdout.utf8).write(to: file)
        return file
    }

    static func quoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// What bash offers for the last word of `words`, as it would on TAB.
    static func bashComplete(_ words: [String], script: URL) throws -> [String] {
        let driver = """
            source \(quoted(script.path))
            COMP_WORDS=(\(words.map(quoted).joined(separator: " ")))
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            _albgw_cost
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try ExternalTool.run("bash", ["--norc", "--noprofile", "-s"], input: driver)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashRegistersTheFunction() throws {
        let file = try Self.script("bash")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try ExternalTool.run("bash", ["--norc", "--noprofile", "-c", "source \(Self.quoted(file.path)) && complete -p albgw-cost"], input: "")
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout == "complete -F _albgw_cost albgw-cost\n")
        #expect(try ExternalTool.run("bash", ["-n", file.path], input: "").status == 0)
    }

    static let bashCases: [([String], [String])] = [
        (["albgw-cost", "--region", "us-we"], ["us-west-1", "us-west-2"]),
        (["albgw-cost", "--region", "=", "eu-west"], ["eu-west-1", "eu-west-2"]),
        (["albgw-cost", "rev"], ["review"]),
        (["albgw-cost", ""], ["compare", "hops", "dot", "report", "review", "sweep", "prices", "completions", "help"]),
        (["albgw-cost", "--rps", "50", "--fo"], ["--format"]),
        (["albgw-cost", "--rps", ""], []),
        (["albgw-cost", "--format", ""], ["table", "json", "markdown", "dot", "csv"]),
        (["albgw-cost", "hops", "--format", ""], ["table", "json", "markdown", "dot"]),
        (["albgw-cost", "review", "./infra", "--format", ""], ["table", "json", "markdown", "dot", "sarif"]),
        (["albgw-cost", "sweep", "--format", ""], ["table", "csv", "json", "svg"]),
        (["albgw-cost", "--design", ""], ["alb-vpce-apigw-lambda", "alb-lambda", "vpce-apigw-lambda", "all"]),
        (["albgw-cost", "--design", "alb-lambda,"], ["alb-lambda,alb-vpce-apigw-lambda", "alb-lambda,vpce-apigw-lambda"]),
        // all stands alone: nothing after it (found by a second new user's check).
        (["albgw-cost", "--design", "all,"], []),
        (["albgw-cost", "--preset", ""], ["tutorial", "hybrid"]),
        (["albgw-cost", "--lambda-arch", ""], ["x86_64", "arm64"]),
        (["albgw-cost", "--apigw-cache-gb", "1"], ["1.6", "13.5", "118"]),
        (["albgw-cost", "--needs", "usage-plans,api"], ["usage-plans,api-keys"]),
        // After a comma: neither what is given already nor all, which stands alone.
        (["albgw-cost", "--needs", "usage-plans,usage"], []),
        (["albgw-cost", "--regions", "us-east-1,a"], ["us-east-1,ap-northeast-1", "us-east-1,ap-south-1", "us-east-1,ap-southeast-1", "us-east-1,ap-southeast-2"]),
        (["albgw-cost", "--regions", "us-east-1,us-east-"], ["us-east-1,us-east-2"]),
        (["albgw-cost", "--regions", "a"], ["all", "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2"]),
        (["albgw-cost", "--sla", "priv"], ["privatelink="]),
        (["albgw-cost", "review", "x", "--fail-on", ""], ["high", "medium", "low"]),
        (["albgw-cost", "sweep", "--vary", "re"], ["requests-per-month=", "request-kb=", "response-kb="]),
        (["albgw-cost", "sweep", "--sc"], ["--scale"]),
        (["albgw-cost", "prices", "--"], ["--export", "--region", "--prices", "--help"]),
        (["albgw-cost", "completions", ""], ["bash", "zsh", "fish"]),
        (["albgw-cost", "help", "re"], ["report", "review"]),
        (["albgw-cost", "dot", "--o"], ["--out"]),
        // The main command prints; --out is report's and dot's.
        (["albgw-cost", "--o"], []),
        (["albgw-cost", "--vers"], ["--version"]),
    ]

    @Test func bashOffersCommandsOptionsAndValues() throws {
        let file = try Self.script("bash")
        defer { try? FileManager.default.removeItem(at: file) }
        for (words, expected) in Self.bashCases {
            #expect(try Self.bashComplete(words, script: file) == expected, "\(words.joined(separator: " "))")
        }
    }

    /// Files for review's PATH and --var-file, directories for --out and --prices.
    @Test func bashOffersFilesAndDirectories() throws {
        let file = try Self.script("bash")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("albgw-cost-completion-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("infra"), withIntermediateDirectories: true)
        try Data().write(to: directory.appendingPathComponent("infra.tf"))
        let stem = directory.path + "/inf"
        #expect(try Self.bashComplete(["albgw-cost", "review", stem], script: file).sorted() == [directory.path + "/infra", directory.path + "/infra.tf"])
        #expect(try Self.bashComplete(["albgw-cost", "review", "x", "--var-file", stem], script: file).count == 2)
        #expect(try Self.bashComplete(["albgw-cost", "report", "--out", stem], script: file) == [directory.path + "/infra"])
        #expect(try Self.bashComplete(["albgw-cost", "--prices", stem], script: file) == [directory.path + "/infra"])
    }

    @Test(.enabled(if: ExternalTool.required("zsh"), "zsh is not installed"))
    func zshParsesAndRegisters() throws {
        let file = try Self.script("zsh")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("#compdef albgw-cost\n"))
        let parse = try ExternalTool.run("zsh", ["-n", file.path], input: "")
        #expect(parse.status == 0 && parse.stderr.isEmpty, "\(parse.stderr)")
        let loaded = try ExternalTool.run(
            "zsh", ["-f", "-c", "autoload -U compinit && compinit -u -D && source \(Self.quoted(file.path)) && print -r -- ${_comps[albgw-cost]}"], input: "")
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout == "_albgw-cost\n")
        // The values come from the catalogs: every region, every design, review's own formats.
        #expect(text.contains("'--region=[AWS region with a bundled price table]:CODE:(ap-northeast-1 ap-south-1 "))
        #expect(text.contains(":ID:_albgw-cost_list \"alb-vpce-apigw-lambda alb-lambda vpce-apigw-lambda all\"'"))
        #expect(text.contains(":FORMAT:(table json markdown dot sarif)'"))
        // A list's last item, through the script's own function with compadd and compset stubbed: not an
        // item already given, nor all after a comma; everything before one.
        let stubs = """
            compadd() { local i=${@[(i)--]}; print -l -- "${@[i+1,-1]}" }
            compset() { [[ $1 == -P ]] && PREFIX=${PREFIX##*,}; return 0 }
            compdef() { : }
            source \(Self.quoted(file.path))
            PREFIX='us-east-1,us-'; _albgw-cost_list -J x "all us-east-1 us-east-2 eu-west-1"; print -- '--'
            PREFIX='u'; _albgw-cost_list -J x "all us-east-1 us-east-2"; print -- '--'
            PREFIX='all,'; _albgw-cost_list -J x "all us-east-1 us-east-2"
            """
        let listed = try ExternalTool.run("zsh", ["-f", "-c", stubs], input: "")
        #expect(listed.status == 0, "\(listed.stderr)")
        // (The stub prints an empty line for a compadd of no words.)
        #expect(listed.stdout == "us-east-2\neu-west-1\n--\nall\nus-east-1\nus-east-2\n--\n\n")
    }

    @Test(.enabled(if: ExternalTool.required("fish"), "fish is not installed"))
    func fishParsesAndCompletes() throws {
        let file = try Self.script("fish")
        defer { try? FileManager.default.removeItem(at: file) }
        let parse = try ExternalTool.run("fish", ["--no-config", "-n", file.path], input: "")
        #expect(parse.status == 0 && parse.stderr.isEmpty, "\(parse.stderr)")
        // fish completes for real with `complete -C`: candidates, a tab, their description.
        func complete(_ line: String) throws -> [String] {
            let result = try ExternalTool.run("fish", ["--no-config", "-c", "source \(Self.quoted(file.path)); complete -C \(Self.quoted(line))"], input: "")
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        }
        // all stands alone: nothing after it.
        #expect(try complete("albgw-cost --design all,") == [])
        #expect(try complete("albgw-cost --region us-we") == ["us-west-1", "us-west-2"])
        #expect(try complete("albgw-cost rev") == ["review"])
        #expect(try complete("albgw-cost hops --format ").sorted() == ["dot", "json", "markdown", "table"])
        #expect(try complete("albgw-cost --needs usage-plans,api") == ["usage-plans,api-keys"])
        // After a comma: neither what is given already nor all.
        #expect(try complete("albgw-cost --needs usage-plans,usage") == [])
        #expect(try complete("albgw-cost --regions us-east-1,us-east-") == ["us-east-1,us-east-2"])
        #expect(try !complete("albgw-cost --regions us-east-1,").contains("us-east-1,all"))
        #expect(try complete("albgw-cost completions ").sorted() == ["bash", "fish", "zsh"])
    }

    @Test(arguments: [
        ("completions tcsh", "albgw-cost: error: no completion script for 'tcsh'; choose bash, zsh or fish: albgw-cost completions bash\n"),
        ("completions", "albgw-cost: error: albgw-cost completions needs a shell: bash, zsh or fish, e.g. albgw-cost completions bash\n"),
        ("completions bash zsh", "albgw-cost: error: albgw-cost completions takes one shell, got 2 words; e.g. albgw-cost completions bash\n"),
    ])
    func unknownShell(line: String, message: String) {
        let result = CLI.run(line.split(separator: " ").map(String.init))
        #expect(result.exitCode == 64 && result.stdout.isEmpty)
        #expect(result.stderr == message)
    }

    /// Every command and every option of every command is in every script, each as a whole word
    /// (`help` inside `--help`, or `--out` inside `--outfile`, does not count).
    @Test func scriptsCoverTheOptionTable() {
        func whole(_ word: String, in text: String) -> Bool {
            text.range(of: "(?<![a-z0-9-])" + NSRegularExpression.escapedPattern(for: word) + "(?![a-z0-9-])", options: .regularExpression) != nil
        }
        for shell in Completions.shells {
            let text = CLI.run(["completions", shell]).stdout
            for spec in CommandCatalog.all {
                #expect(whole(spec.name, in: text), "\(shell): \(spec.name)")
                for option in spec.options {
                    let needle = shell == "fish" ? "-l \(option.name.dropFirst(2))" : option.name
                    #expect(whole(needle, in: text), "\(shell): \(spec.name) \(option.name)")
                }
            }
            #expect(text.contains(shell == "fish" ? "-l version" : "--version"))
        }
    }
}
