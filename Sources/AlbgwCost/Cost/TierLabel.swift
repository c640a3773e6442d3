import Foundation

/// Names a tier band the way AWS's pricing pages do: `first 333M`, `next 667M`, `over 20B`,
/// `first 10 TB`, `first 1 PB`.
package enum TierLabel {
    package static func label(for share: TierShare, unit: String, isOnlyBand: Bool) -> String? {
        if isOnlyBand && share.end == nil && share.start == 0 { return nil }
        if share.index == 0, let end = share.end { return "first \(amount(end, unit: unit))" }
        if let end = share.end { return "next \(amount(end - share.start, unit: unit))" }
        return "over \(amount(share.start, unit: unit))"
    }

    /// `amount` in the unit's customary scale.
    package static func amount(_ value: ExactDecimal, unit: String) -> String {
        switch unit {
        case "GB":
            if value >= Units.kibPerGB, (value / Units.kibPerGB).isWholeNumber { return "\(plain(value / Units.kibPerGB)) PB" }
            if value >= 1024, (value / 1024).isWholeNumber { return "\(plain(value / 1024)) TB" }
            return "\(plain(value)) GB"
        case "1M requests", "1M queries":
            return value >= 1000 ? "\(plain(value / 1000))B" : "\(plain(value))M"
        case "GB-second":
            let billion: ExactDecimal = 1_000_000_000
            return value >= billion ? "\(plain(value / billion))B GB-s" : "\(plain(value)) GB-s"
        case "hosted zone-month":
            return "\(plain(value)) zones"
        default:
            return "\(plain(value)) \(unit)"
        }
    }

    private static func plain(_ value: ExactDecimal) -> String { "\(value)" }
}
