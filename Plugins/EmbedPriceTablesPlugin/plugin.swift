import Foundation
import PackagePlugin

/// Embeds every `PriceTables/*.json` file into the target as generated Swift, so that the
/// built binary needs no resource bundle: it works when copied alone to another directory.
@main
struct EmbedPriceTablesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tablesDirectory = context.package.directoryURL.appending(path: "PriceTables")
        let names = try FileManager.default.contentsOfDirectory(atPath: tablesDirectory.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        let inputs = names.map { tablesDirectory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPriceTables.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) price tables",
                executable: try context.tool(named: "EmbedPriceTables").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
