//! Dashboard sessions: a random id in an HttpOnly cookie, kept in this server's memory with its
//! expiry and its CSRF token. Signing out forgets the id, so a copied cookie dies with it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most sessions kept at once; sign-in is rate-limited, so this is only a ceiling.
const MAX_SESSIONS: usize = 64;

/// One signed-in browser.
#[derive(Clone, Debug)]
pub struct Session {
    /// The cookie's value.
    pub id: String,
    /// What every form that changes something must carry back.
    pub csrf: String,
    expires: Instant,
}

/// The sessions of this server.
pub struct Sessions {
    ttl: Duration,
    live: Mutex<HashMap<String, Session>>,
}

/// 32 random bytes, hex.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    getrandom::getrandom(&mut b).expect("the OS has a random source");
    crate::chain::to_hex(&b)
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Sessions {
    /// Sessions that last `ttl`.
    pub fn new(ttl: Duration) -> Sessions {
        Sessions { ttl, live: Mutex::new(HashMap::new()) }
    }

    /// How long a session lasts.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A new session (a new id at every sign-in: no fixation).
    pub fn create(&self) -> Session {
        let mut live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        live.retain(|_, s| s.expires > now);
        if live.len() >= MAX_SESSIONS {
            if let Some(oldest) = live.values().min_by_key(|s| s.expires).map(|s| s.id.clone()) {
                live.remove(&oldest);
            }
        }
        let s = Session { id: random_token(), csrf: random_token(), expires: now + self.ttl };
        live.insert(s.id.clone(), s.clone());
        s
    }

    /// The live session with this id; an expired one is forgotten.
    pub fn get(&self, id: &str) -> Option<Session> {
        let mut live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        let s = live.get(id)?.clone();
        if s.expires <= Instant::now() {
            live.remove(id);
            return None;
        }
        Some(s)
    }

    /// Signs a session out.
    pub fn remove(&self, id: &str) {
        self.live.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_expire_and_sign_out() {
        let s = Sessions::new(Duration::from_millis(50));
        let a = s.create();
        assert_eq!(s.get(&a.id).map(|x| x.csrf), Some(a.csrf.clone()));
        assert!(s.get("not-a-session").is_none());
        std::thread::sleep(Duration::from_millis(80));
        assert!(s.get(&a.id).is_none(), "expired");
        let b = s.create();
        s.remove(&b.id);
        assert!(s.get(&b.id).is_none(), "signed out");
        assert_ne!(s.create().id, s.create().id);
    }

    #[test]
    fn at_most_max_sessions() {
        let s = Sessions::new(Duration::from_secs(60));
        let first = s.create();
        for _ in 0..MAX_SESSIONS {
            s.create();
        }
        assert!(s.get(&first.id).is_none(), "the oldest made room");
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("abc", "ab"));
    }
}
