extension Price {
    /// `$0.0225 per ALB-hour`, or `$3.50 to 333M, $2.80 to 1B, ... above per 1M requests`.
    package var scheduleText: String {
        if tiers.count == 1 { return "\(Format.unitPrice(rate)) per \(unit)" }
        let bands = tiers.map { tier in
            Format.unitPrice(tier.usd) + (tier.upTo.map { " to \(TierLabel.amount($0, unit: unit))" } ?? " above")
        }
        return bands.joined(separator: ", ") + " per \(unit)"
    }

    /// `high`, or `medium / medium / low / low` when the bands differ.
    package var confidenceText: String {
        guard tiers.contains(where: { $0.confidence != nil }) else { return confidence.rawValue }
        return tiers.map { ($0.confidence ?? confidence).rawValue }.joined(separator: " / ")
    }
}
