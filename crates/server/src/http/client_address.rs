//! The address a request comes from, as the rate limiter counts it: the
//! socket's, or — only when the connection comes from a trusted reverse
//! proxy — the client that proxy names in `Forwarded` or `X-Forwarded-For`.
//! Anyone else can write those headers, so they are ignored otherwise.
//! IPv6 clients are counted per /64: one home or one phone gets a whole /64
//! and could otherwise change address at every request.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;

use super::AppState;

/// The reverse proxies whose forwarding headers are believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>) -> Self {
        TrustedProxies(networks)
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(&ip))
    }

    /// The client's address. Proxies append what they saw to the chain, so
    /// it is read from the right: the first address that is not a trusted
    /// proxy is the client. A chain that cannot be read there (an obfuscated
    /// `for=_hidden`, garbage) gives the proxy's own address: never one the
    /// client could choose.
    pub fn client(&self, socket: IpAddr, headers: &HeaderMap) -> IpAddr {
        let socket = socket.to_canonical();
        if !self.trusts(socket) {
            return socket;
        }
        for hop in forwarding_chain(headers).into_iter().rev() {
            match hop {
                Some(ip) if self.trusts(ip) => continue,
                Some(ip) => return ip,
                None => return socket,
            }
        }
        socket
    }
}

/// The addresses a request went through, oldest first, from `Forwarded`
/// (RFC 7239) when present, else `X-Forwarded-For`; `None` for a hop that is
/// not an IP address.
fn forwarding_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> { headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).map(str::to_string).collect() };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .flat_map(|value| value.split(','))
            .map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.trim().split_once('=')?;
                    key.trim().eq_ignore_ascii_case("for").then(|| parse_hop(value.trim().trim_matches('"')))
                })?
            })
            .collect();
    }
    values("x-forwarded-for").iter().flat_map(|value| value.split(',')).map(|hop| parse_hop(hop.trim())).collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]:4711`.
fn parse_hop(text: &str) -> Option<IpAddr> {
    let ip = text
        .parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| text.strip_prefix('[')?.strip_suffix(']')?.parse().ok())?;
    Some(ip.to_canonical())
}

/// What the rate limiter counts: an IPv4 address, or an IPv6 /64.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(network))
        }
        v4 => v4,
    }
}

/// The rate limiter's key of a request (see the module's comment).
pub struct ClientKey(pub IpAddr);

impl FromRequestParts<AppState> for ClientKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // Served without connection info (in-process tests): one client.
        let socket = parts.extensions.get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip());
        Ok(ClientKey(limit_key(state.proxies.client(socket, &parts.headers))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(list.iter().map(|n| n.parse().unwrap()).collect())
    }

    #[test]
    fn forwarding_headers_count_only_from_a_trusted_proxy() {
        let caddy = proxies(&["127.0.0.1/32", "10.0.0.0/8"]);
        let spoofed = headers(&[("x-forwarded-for", "198.51.100.7")]);
        let direct: IpAddr = "203.0.113.9".parse().unwrap();
        assert_eq!(caddy.client(direct, &spoofed), direct, "a client talking to us directly cannot choose its address");
        assert_eq!(TrustedProxies::default().client("127.0.0.1".parse().unwrap(), &spoofed), IpAddr::from([127, 0, 0, 1]));
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(caddy.client(local, &spoofed), "198.51.100.7".parse::<IpAddr>().unwrap());
        // The client wrote its own X-Forwarded-For; the proxy appended the real address.
        let appended = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7")]);
        assert_eq!(caddy.client(local, &appended), "198.51.100.7".parse::<IpAddr>().unwrap());
        // Two trusted proxies in a row.
        let two = headers(&[("x-forwarded-for", "198.51.100.7, 10.1.2.3")]);
        assert_eq!(caddy.client(local, &two), "198.51.100.7".parse::<IpAddr>().unwrap());
        // Nothing readable where the client should be: the proxy's address.
        assert_eq!(caddy.client(local, &headers(&[("x-forwarded-for", "n'importe quoi")])), local);
        assert_eq!(caddy.client(local, &HeaderMap::new()), local);
        // An IPv4-mapped socket address is the IPv4 one.
        assert_eq!(caddy.client("::ffff:127.0.0.1".parse().unwrap(), &spoofed), "198.51.100.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn forwarded_is_preferred_and_read_as_rfc_7239() {
        let caddy = proxies(&["127.0.0.1/32"]);
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let both = headers(&[("forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43"), ("x-forwarded-for", "198.51.100.7")]);
        assert_eq!(caddy.client(local, &both), "192.0.2.60".parse::<IpAddr>().unwrap());
        let v6 = headers(&[("forwarded", "for=192.0.2.43, For=\"[2001:db8:cafe::17]:4711\"")]);
        assert_eq!(caddy.client(local, &v6), "2001:db8:cafe::17".parse::<IpAddr>().unwrap());
        let hidden = headers(&[("forwarded", "for=192.0.2.43, for=_hidden")]);
        assert_eq!(caddy.client(local, &hidden), local);
    }

    #[test]
    fn ipv6_clients_are_limited_per_64() {
        let a = limit_key("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = limit_key("2001:db8:1:2:bbbb::9".parse().unwrap());
        let other = limit_key("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(a, "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        assert_eq!(limit_key("192.0.2.1".parse().unwrap()), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
