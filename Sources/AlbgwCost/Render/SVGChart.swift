import Foundation

/// A line chart written as SVG by hand: no packages, no Graphviz. Pure: the same chart gives the
/// same bytes. 800 px wide; lines with gaps where a series has no value; vertical markers with
/// labels; a legend; log or linear axes with tick labels people read ($1k, 10k rps).
package struct SVGChart: Sendable {
    package struct Series: Sendable {
        package var name: String
        /// nil where the series has no value (a design that cannot carry the workload there);
        /// `complete` false where the value is a lower bound (a price is missing): drawn faint.
        package var points: [(x: Double, y: Double?, complete: Bool)]
        /// Why the series has gaps, shown once at the start of each gap.
        package var gapLabel: String?
        /// What the faint parts mean, in the legend, when there are any.
        package var incompleteLabel: String?

        package init(name: String, points: [(x: Double, y: Double?, complete: Bool)], gapLabel: String?, incompleteLabel: String? = nil) {
            self.name = name
            self.points = points
            self.gapLabel = gapLabel
            self.incompleteLabel = incompleteLabel
        }
    }

    package struct Marker: Sendable {
        package var x: Double
        package var label: String
    }

    package var title: String
    package var subtitle: String
    package var xTitle: String
    package var yTitle: String
    package var xLog: Bool
    package var yLog: Bool
    /// Formats an x value for a tick (`10k rps`).
    package var xTick: @Sendable (Double) -> String
    /// Formats a y value for a tick (`$1k`).
    package var yTick: @Sendable (Double) -> String = SVGChart.dollars
    package var series: [Series]
    package var markers: [Marker]
    /// The x axis's span when no series has a point (a sweep whose every design is ruled out).
    package var xDomain: (low: Double, high: Double)? = nil

    package static let width = 800.0
    package static let height = 520.0
    static let plot = (left: 78.0, top: 70.0, right: 760.0, bottom: 400.0)
    /// Okabe-Ito colours (safe for colour-blind readers), with a dash pattern each as a second cue.
    static let styles: [(color: String, dash: String)] = [("#0072B2", ""), ("#D55E00", "8 4"), ("#009E73", "2 3"), ("#CC79A7", "12 3 2 3")]
    /// A generous average width of a character of 12 px Helvetica or Arial (digits are 6.67 px, most
    /// letters less; DejaVu Sans, a common fallback, averages about 6.5 px over this text):
    /// text is wrapped and tick labels thinned with it, so that nothing runs off the 800 px.
    static let characterWidth = 6.6
    /// Lines of notes and legend wrap here: the canvas's width less a margin, from where they start.
    static let textRight = width - 12

    package init(
        title: String, subtitle: String, xTitle: String, yTitle: String, xLog: Bool, yLog: Bool, xTick: @escaping @Sendable (Double) -> String,
        series: [Series], markers: [Marker]
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.xLog = xLog
        self.yLog = yLog
        self.xTick = xTick
        self.series = series
        self.markers = markers
    }

    // MARK: Scales

    struct Axis {
        var low: Double
        var high: Double
        var log: Bool
        var from: Double
        var to: Double

        func position(_ value: Double) -> Double {
            let fraction: Double
            if log {
                fraction = (Foundation.log10(max(value, low)) - Foundation.log10(low)) / (Foundation.log10(high) - Foundation.log10(low))
            } else {
                fraction = (value - low) / (high - low)
            }
            return from + (to - from) * fraction
        }

        /// Tick values: decades (and 2, 5 between them when few) on a log axis; 1-2-5 steps on a linear one.
        func ticks() -> [Double] {
            if log {
                var result: [Double] = []
                var decade = Foundation.pow(10, Foundation.floor(Foundation.log10(low)))
                let decades = Foundation.log10(high / low)
                let multiples: [Double] = decades <= 2 ? [1, 2, 5] : [1]
                while decade <= high * 1.000001 {
                    for multiple in multiples {
                        let value = decade * multiple
                        if value >= low * 0.999999 && value <= high * 1.000001 { result.append(value) }
                    }
                    decade *= 10
                }
                return result
            }
            let span = high - low
            let raw = span / 6
            let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
            var value = Foundation.ceil(low / step) * step
            var result: [Double] = []
            while value <= high + step * 1e-9 {
                result.append(abs(value) < step * 1e-9 ? 0 : value)
                value += step
            }
            return result
        }
    }

    func axes() -> (x: Axis, y: Axis) {
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.compactMap(\.y) }
        var xLow = xs.min() ?? xDomain?.low ?? 0
        var xHigh = xs.max() ?? xDomain?.high ?? 1
        if xHigh <= xLow { xHigh = xLow + 1 }
        if xLog { xLow = max(xLow, 1e-12) }
        var yLow = ys.min() ?? 0
        var yHigh = ys.max() ?? 1
        if yLog {
            // Whole decades around the data.
            yLow = Foundation.pow(10, Foundation.floor(Foundation.log10(max(yLow, 0.01))))
            yHigh = Foundation.pow(10, Foundation.ceil(Foundation.log10(max(yHigh, yLow * 10))))
        } else {
            yLow = 0
            yHigh = yHigh <= 0 ? 1 : yHigh * 1.08
        }
        let plot = Self.plot
        return (
            Axis(low: xLow, high: xHigh, log: xLog, from: plot.left, to: plot.right),
            Axis(low: yLow, high: yHigh, log: yLog, from: plot.bottom, to: plot.top)
        )
    }

    // MARK: Rendering

    /// The SVG document.
    package func render() -> String {
        let (x, y) = axes()
        let plot = Self.plot
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.n(Self.width))" height="\(Self.n(Self.height))" viewBox="0 0 \(Self.n(Self.width)) \(Self.n(Self.height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <title>\(Self.escape(title))</title>
            <rect x="0" y="0" width="\(Self.n(Self.width))" height="\(Self.n(Self.height))" fill="#ffffff"/>
            <text x="\(Self.n(plot.left))" y="24" font-size="16" font-weight="bold">\(Self.escape(title))</text>
            <text x="\(Self.n(plot.left))" y="44" fill="#444444">\(Self.escape(subtitle))</text>

            """
        // Grid and ticks.
        out += "<g stroke=\"#dddddd\" stroke-width=\"1\">\n"
        for tick in x.ticks() {
            out += "<line x1=\"\(Self.n(x.position(tick)))\" y1=\"\(Self.n(plot.top))\" x2=\"\(Self.n(x.position(tick)))\" y2=\"\(Self.n(plot.bottom))\"/>\n"
        }
        for tick in y.ticks() {
            out += "<line x1=\"\(Self.n(plot.left))\" y1=\"\(Self.n(y.position(tick)))\" x2=\"\(Self.n(plot.right))\" y2=\"\(Self.n(y.position(tick)))\"/>\n"
        }
        out += "</g>\n"
        out +=
            "<rect x=\"\(Self.n(plot.left))\" y=\"\(Self.n(plot.top))\" width=\"\(Self.n(plot.right - plot.left))\" height=\"\(Self.n(plot.bottom - plot.top))\" fill=\"none\" stroke=\"#333333\"/>\n"
        out += "<g fill=\"#333333\">\n"
        let xTicks = x.ticks()
        let xLabelled = Self.labelled(xTicks, axis: x, label: xTick)
        for (index, tick) in xTicks.enumerated() where xLabelled.contains(index) {
            out += "<text x=\"\(Self.n(x.position(tick)))\" y=\"\(Self.n(plot.bottom + 16))\" text-anchor=\"middle\">\(Self.escape(xTick(tick)))</text>\n"
        }
        // Labels on the y axis are one line each, 12 px high: thinned the same way, on their height.
        let yTicks = y.ticks()
        let yLabelled = Self.labelled(yTicks, axis: y) { _ in "xx" }
        for (index, tick) in yTicks.enumerated() where yLabelled.contains(index) {
            out += "<text x=\"\(Self.n(plot.left - 6))\" y=\"\(Self.n(y.position(tick) + 4))\" text-anchor=\"end\">\(Self.escape(yTick(tick)))</text>\n"
        }
        out +=
            "<text x=\"\(Self.n((plot.left + plot.right) / 2))\" y=\"\(Self.n(plot.bottom + 36))\" text-anchor=\"middle\">\(Self.escape(xTitle + (xLog ? " (log scale)" : "")))</text>\n"
        out +=
            "<text x=\"18\" y=\"\(Self.n((plot.top + plot.bottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(Self.n((plot.top + plot.bottom) / 2)))\">\(Self.escape(yTitle + (yLog ? " (log scale)" : "")))</text>\n"
        out += "</g>\n"
        // Markers: dotted verticals, labels stacked below the plot so that they never overlap the lines.
        // Markers closer than a circle's width are stacked down the line, so each number can be read.
        var placed: [Double] = []
        for (index, marker) in markers.enumerated() {
            let position = x.position(marker.x)
            let level = Double(placed.filter { abs($0 - position) < 18 }.count)
            placed.append(position)
            let centre = plot.top + 8 + 18 * level
            if level == 0 {
                out +=
                    "<line x1=\"\(Self.n(position))\" y1=\"\(Self.n(plot.top))\" x2=\"\(Self.n(position))\" y2=\"\(Self.n(plot.bottom))\" stroke=\"#555555\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\n"
            }
            out += "<circle cx=\"\(Self.n(position))\" cy=\"\(Self.n(centre))\" r=\"8\" fill=\"#ffffff\" stroke=\"#555555\"/>\n"
            out += "<text x=\"\(Self.n(position))\" y=\"\(Self.n(centre + 4))\" text-anchor=\"middle\" font-size=\"10\">\(index + 1)</text>\n"
        }
        // Series, clipped to the plot.
        out +=
            "<clipPath id=\"plot\"><rect x=\"\(Self.n(plot.left))\" y=\"\(Self.n(plot.top))\" width=\"\(Self.n(plot.right - plot.left))\" height=\"\(Self.n(plot.bottom - plot.top))\"/></clipPath>\n"
        for (index, series) in series.enumerated() {
            let style = Self.styles[index % Self.styles.count]
            for segment in Self.segments(series.points) {
                let path = segment.points.map { "\(Self.n(x.position($0.x))),\(Self.n(y.position($0.y)))" }.joined(separator: " ")
                out +=
                    "<polyline clip-path=\"url(#plot)\" fill=\"none\" stroke=\"\(style.color)\" stroke-width=\"2\"\(segment.complete ? "" : " stroke-opacity=\"0.35\"")\(style.dash.isEmpty ? "" : " stroke-dasharray=\"\(style.dash)\"") points=\"\(path)\"/>\n"
            }
        }
        // Legend, then the numbered notes (markers and gaps), below the axis title.
        var line = plot.bottom + 60
        for (index, series) in series.enumerated() {
            let style = Self.styles[index % Self.styles.count]
            out +=
                "<line x1=\"\(Self.n(plot.left))\" y1=\"\(Self.n(line - 4))\" x2=\"\(Self.n(plot.left + 28))\" y2=\"\(Self.n(line - 4))\" stroke=\"\(style.color)\" stroke-width=\"2\"\(style.dash.isEmpty ? "" : " stroke-dasharray=\"\(style.dash)\"")/>\n"
            let gap = series.points.contains { $0.y == nil } ? " - gap: \(series.gapLabel ?? "cannot carry the workload there")" : ""
            let faint = series.points.contains { $0.y != nil && !$0.complete } ? " - faint: \(series.incompleteLabel ?? "a price is missing, the total is a lower bound")" : ""
            for (start, text) in Self.wrap(series.name + gap + faint, from: plot.left + 36) {
                out += "<text x=\"\(Self.n(start))\" y=\"\(Self.n(line))\">\(Self.escape(text))</text>\n"
                line += 16
            }
        }
        for (index, marker) in markers.enumerated() {
            for (start, text) in Self.wrap("\(index + 1). \(marker.label)", from: plot.left) {
                out += "<text x=\"\(Self.n(start))\" y=\"\(Self.n(line))\" fill=\"#333333\">\(Self.escape(text))</text>\n"
                line += 16
            }
        }
        out += "</svg>\n"
        // The notes may need more room than the fixed height: grow the canvas to fit them.
        let needed = max(Self.height, line)
        if needed > Self.height {
            out = out.replacingOccurrences(
                of: "height=\"\(Self.n(Self.height))\" viewBox=\"0 0 \(Self.n(Self.width)) \(Self.n(Self.height))\"",
                with: "height=\"\(Self.n(needed))\" viewBox=\"0 0 \(Self.n(Self.width)) \(Self.n(needed))\"")
            out = out.replacingOccurrences(
                of: "<rect x=\"0\" y=\"0\" width=\"\(Self.n(Self.width))\" height=\"\(Self.n(Self.height))\"",
                with: "<rect x=\"0\" y=\"0\" width=\"\(Self.n(Self.width))\" height=\"\(Self.n(needed))\"")
        }
        return out
    }

    /// Runs of consecutive points with a value and the same completeness: each becomes one polyline.
    /// A run that changes completeness shares its first point with the run before, so the line goes on.
    static func segments(_ points: [(x: Double, y: Double?, complete: Bool)]) -> [(complete: Bool, points: [(x: Double, y: Double)])] {
        var result: [(complete: Bool, points: [(x: Double, y: Double)])] = []
        var current: [(x: Double, y: Double)] = []
        var complete = true
        for point in points {
            guard let y = point.y else {
                if !current.isEmpty { result.append((complete, current)) }
                current = []
                continue
            }
            if current.isEmpty {
                complete = point.complete
            } else if point.complete != complete {
                let joint = current[current.count - 1]
                result.append((complete, current))
                current = [joint]
                complete = point.complete
            }
            current.append((point.x, y))
        }
        if !current.isEmpty { result.append((complete, current)) }
        return result
    }

    /// `text` in lines that fit between `x` and the right margin, broken at spaces; lines after the
    /// first start `indent` further right.
    static func wrap(_ text: String, from x: Double) -> [(x: Double, text: String)] {
        var lines: [(x: Double, text: String)] = []
        var line = ""
        var start = x
        for word in text.split(separator: " ") {
            if !line.isEmpty && Double(line.count + 1 + word.count) * characterWidth > textRight - start {
                lines.append((start, line))
                line = String(word)
                start = x + indent
            } else {
                line += line.isEmpty ? String(word) : " " + word
            }
        }
        lines.append((start, line))
        return lines
    }

    static let indent = 14.0

    /// Which ticks get a label: all when they fit, else only the decades of a log axis, and then
    /// every n-th, so that no two labels overlap.
    static func labelled(_ ticks: [Double], axis: Axis, label: (Double) -> String) -> Set<Int> {
        func fits(_ indices: [Int]) -> Bool {
            zip(indices, indices.dropFirst()).allSatisfy { left, right in
                let room = abs(axis.position(ticks[right]) - axis.position(ticks[left]))
                let needed = (Double(label(ticks[left]).count) + Double(label(ticks[right]).count)) / 2 * characterWidth + 8
                return room >= needed
            }
        }
        var candidates = Array(ticks.indices)
        if fits(candidates) { return Set(candidates) }
        if axis.log {
            let decades = candidates.filter { index in
                let exponent = Foundation.log10(ticks[index])
                return abs(exponent - exponent.rounded()) < 1e-9
            }
            if decades.count >= 2 { candidates = decades }
        }
        for stride in 1...max(1, candidates.count) {
            let chosen = candidates.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
            if fits(chosen) { return Set(chosen) }
        }
        return candidates.first.map { [$0] } ?? []
    }

    /// A coordinate with one decimal, without a locale: `123.4`, `-0.5`, `80`.
    static func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// Text content and attribute values with XML's five special characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `$20`, `$1k`, `$2.5k`, `$1M`: money ticks.
    package static let dollars: @Sendable (Double) -> String = { value in "$" + short(value) }

    /// `10`, `1k`, `2.5k`, `10M`, `0.5`: a number in few characters.
    package static func short(_ value: Double) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where abs(value) >= scale {
            return trimmed(value / scale) + suffix
        }
        return trimmed(value)
    }

    /// `1,500` or `0.25`: thousands grouped, at most two decimals.
    package static func grouped(_ value: Double) -> String {
        let text = trimmed(value)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0])
        let sign = digits.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { digits.removeFirst() }
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return sign + grouped + (parts.count > 1 ? ".\(parts[1])" : "")
    }

    /// The value to 12 significant digits, trailing zeros dropped: `0.0012`, `2.5`, `0.0001`. Ticks are
    /// 1, 2 or 5 times a power of ten, or steps of one, so this is short and tells neighbours apart;
    /// the 12 digits only clear the noise of adding steps in binary (0.30000000000000004).
    static func trimmed(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return "0" }
        return (value < 0 ? "-" : "") + Format.significant(abs(value), digits: 12).description
    }
}
