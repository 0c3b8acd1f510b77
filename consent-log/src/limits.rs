//! Who is asking, and how often they may: the client's address (from a trusted proxy's
//! `X-Forwarded-For` when told so), keyed as one IPv4 address or one IPv6 /64, and per-key
//! token buckets on `governor` that forget idle keys.

use axum::http::HeaderMap;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::time::Duration;

/// The key a client is limited and hashed by: an IPv4 address, or the /64 an IPv6 address is in
/// (one subscriber's whole prefix, which it may rotate through freely).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientKey(IpAddr);

impl ClientKey {
    /// The key of an address.
    pub fn of(ip: IpAddr) -> ClientKey {
        match ip {
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey(IpAddr::V4(v4)),
                None => {
                    let s = v6.segments();
                    ClientKey(IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0)))
                }
            },
            v4 => ClientKey(v4),
        }
    }

    /// The client behind `peer`: with `trust_proxy`, the address the proxy appended last to
    /// `X-Forwarded-For` (entries before it are the client's own claims); else the peer.
    pub fn from_request(peer: IpAddr, headers: &HeaderMap, trust_proxy: bool) -> ClientKey {
        let forwarded = || {
            let last = headers.get_all("x-forwarded-for").iter().next_back()?.to_str().ok()?;
            last.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
        };
        ClientKey::of(if trust_proxy { forwarded().unwrap_or(peer) } else { peer })
    }
}

impl std::fmt::Display for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            IpAddr::V6(a) => write!(f, "{a}/64"),
            IpAddr::V4(a) => write!(f, "{a}"),
        }
    }
}

/// Token buckets per client key.
pub struct ClientLimiter {
    limiter: DefaultKeyedRateLimiter<ClientKey>,
}

impl ClientLimiter {
    /// `per_second` requests a second on average, bursts of `burst`.
    pub fn new(per_second: f64, burst: u32) -> ClientLimiter {
        let period = Duration::from_secs_f64(1.0 / per_second.max(1e-6));
        let quota =
            Quota::with_period(period).unwrap_or(Quota::per_second(NonZeroU32::MIN)).allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN));
        ClientLimiter { limiter: RateLimiter::keyed(quota) }
    }

    /// Takes one token for `key`: false when its bucket is empty.
    pub fn allow(&self, key: ClientKey) -> bool {
        self.limiter.check_key(&key).is_ok()
    }

    /// Forgets keys whose buckets are full again: they would behave as new ones.
    pub fn prune(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }

    /// How many keys it remembers.
    pub fn len(&self) -> usize {
        self.limiter.len()
    }

    /// Whether it remembers none.
    pub fn is_empty(&self) -> bool {
        self.limiter.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_keyed_by_their_64() {
        let a = ClientKey::of("2001:db8:1:2:aaaa::1".parse().unwrap());
        assert_eq!(a, ClientKey::of("2001:db8:1:2:ffff:1:2:3".parse().unwrap()));
        assert_ne!(a, ClientKey::of("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(ClientKey::of("::ffff:10.0.0.1".parse().unwrap()), ClientKey::of("10.0.0.1".parse().unwrap()));
        assert_eq!(a.to_string(), "2001:db8:1:2::/64");
    }

    #[test]
    fn only_a_trusted_proxy_names_the_client() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "6.6.6.6, 10.1.2.3".parse().unwrap());
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(ClientKey::from_request(peer, &h, true), ClientKey::of("10.1.2.3".parse().unwrap()), "the hop the proxy appended");
        assert_eq!(ClientKey::from_request(peer, &h, false), ClientKey::of(peer));
        assert_eq!(ClientKey::from_request(peer, &HeaderMap::new(), true), ClientKey::of(peer));
    }

    #[test]
    fn idle_keys_are_forgotten() {
        let l = ClientLimiter::new(1000.0, 2);
        for i in 0..500u32 {
            assert!(l.allow(ClientKey::of(IpAddr::V4(i.into()))));
        }
        assert_eq!(l.len(), 500);
        std::thread::sleep(Duration::from_millis(20));
        l.prune();
        assert!(l.is_empty(), "{} keys kept", l.len());
    }
}
