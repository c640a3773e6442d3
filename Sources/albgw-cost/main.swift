import AlbgwCost
import Foundation

exit(CLI.main(CommandLine.arguments))
