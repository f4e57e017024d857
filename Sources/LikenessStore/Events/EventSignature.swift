import Crypto
import Foundation
import LikenessRules

/// The `Likeness-Signature` header of a webhook delivery: `t=<unix seconds>,v1=<lowercase hex
/// HMAC-SHA256 over "<t>.<body>" with the webhook's secret>`. Receivers recompute it, compare in
/// constant time, and refuse an old `t` to stop replays.
public enum EventSignature {
    public static func header(secret: Data, body: Data, at time: Date) -> String {
        let t = String(Int(time.timeIntervalSince1970.rounded(.down)))
        let mac = HMAC<SHA256>.authenticationCode(for: Data((t + ".").utf8) + body, using: SymmetricKey(data: secret))
        return "t=\(t),v1=" + Hex.encode(Array(mac))
    }
}
