/// The two ingress designs compared. The raw values are part of the command-line and JSON interface.
package enum DesignID: String, CaseIterable, Sendable {
    /// ALB -> interface VPC endpoint (execute-api) -> private REST API -> Lambda (AWS_PROXY).
    case albVpceApigwLambda = "alb-vpce-apigw-lambda"
    /// ALB -> Lambda target group.
    case albLambda = "alb-lambda"

    /// The request path in words.
    package var name: String {
        switch self {
        case .albVpceApigwLambda: "ALB -> interface VPC endpoint -> private REST API -> Lambda"
        case .albLambda: "ALB -> Lambda"
        }
    }
}
