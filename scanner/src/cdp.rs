//! A small DevTools-protocol client: JSON commands and events over one WebSocket, with flat
//! sessions (`Target.attachToTarget {flatten: true}`), untyped (`serde_json::Value`).
//!
//! Why not chromiumoxide: its generated protocol types (one crate of several hundred thousand
//! lines) cost minutes of compile time on this project's machines, and a Chromium newer than the
//! protocol it was generated from sends events that fail its deserialisation ("data did not match
//! any variant of untagged enum Message", chromiumoxide issues #229 and #243). The scanner needs
//! about fifteen commands and five events: untyped JSON keeps working across Chromium versions,
//! and this client is its only transport code.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;

/// A protocol event: its method and params.
#[derive(Clone, Debug)]
pub struct Event {
    /// The session it came from (a page, or a frame or worker attached to it).
    pub session: String,
    /// e.g. `Network.requestWillBeSent`.
    pub method: String,
    /// The event's parameters.
    pub params: Value,
}

type Pending = Arc<Mutex<HashMap<u64, oneshot::Sender<Result<Value, String>>>>>;

/// Where events go: by session, and, for targets the browser attaches on its own (service and
/// shared workers), by browser context to the session that owns the context.
#[derive(Default)]
struct Routes {
    sessions: HashMap<String, mpsc::UnboundedSender<Event>>,
    contexts: HashMap<String, String>,
}

impl Routes {
    /// The channel for an event, registering a target attached under a routed session or context
    /// before any of its own events can arrive (the reader handles one message at a time).
    fn route(&mut self, session: &str, method: &str, params: &Value) -> Option<mpsc::UnboundedSender<Event>> {
        let parent = match self.sessions.get(session) {
            Some(tx) => Some(tx.clone()),
            None if session.is_empty() => {
                let context = params["targetInfo"]["browserContextId"].as_str().unwrap_or("");
                self.contexts.get(context).and_then(|owner| self.sessions.get(owner)).cloned()
            }
            None => None,
        };
        let child = params["sessionId"].as_str().unwrap_or("");
        match method {
            "Target.attachedToTarget" if !child.is_empty() => {
                if let Some(tx) = &parent {
                    self.sessions.insert(child.to_string(), tx.clone());
                }
            }
            "Target.detachedFromTarget" if !child.is_empty() => {
                self.sessions.remove(child);
            }
            _ => {}
        }
        parent
    }
}

/// The connection to the browser.
pub struct Connection {
    out: mpsc::UnboundedSender<String>,
    pending: Pending,
    routes: Arc<Mutex<Routes>>,
    next_id: Arc<AtomicU64>,
}

/// How long one command may take before it counts as hung.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(20);

impl Connection {
    /// Connects to the browser's DevTools WebSocket (`ws://127.0.0.1:PORT/devtools/browser/…`).
    pub async fn connect(ws_url: &str) -> Result<Arc<Connection>, String> {
        let (ws, _) =
            tokio_tungstenite::connect_async(ws_url).await.map_err(|e| format!("cannot connect to Chromium's DevTools at {ws_url}: {e}"))?;
        let (mut sink, mut stream) = ws.split();
        let (out, mut out_rx) = mpsc::unbounded_channel::<String>();
        let conn =
            Arc::new(Connection { out: out.clone(), pending: Pending::default(), routes: Arc::default(), next_id: Arc::new(AtomicU64::new(1)) });
        tokio::spawn(async move {
            while let Some(text) = out_rx.recv().await {
                if sink.send(Message::text(text)).await.is_err() {
                    break;
                }
            }
        });
        let (pending, routes, next_id) = (conn.pending.clone(), conn.routes.clone(), conn.next_id.clone());
        tokio::spawn(async move {
            while let Some(Ok(msg)) = stream.next().await {
                let Message::Text(text) = msg else { continue };
                let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
                if let Some(id) = v.get("id").and_then(Value::as_u64) {
                    let reply = match v.get("error") {
                        Some(e) => Err(e.get("message").and_then(Value::as_str).unwrap_or("protocol error").to_string()),
                        None => Ok(v.get("result").cloned().unwrap_or(Value::Null)),
                    };
                    if let Some(tx) = pending.lock().unwrap_or_else(|p| p.into_inner()).remove(&id) {
                        let _ = tx.send(reply);
                    }
                } else if let Some(method) = v.get("method").and_then(Value::as_str) {
                    let session = v.get("sessionId").and_then(Value::as_str).unwrap_or("");
                    let params = v.get("params").cloned().unwrap_or(Value::Null);
                    let route = routes.lock().unwrap_or_else(|p| p.into_inner()).route(session, method, &params);
                    match route {
                        Some(tx) => {
                            let _ = tx.send(Event { session: session.to_string(), method: method.to_string(), params });
                        }
                        // A target attached for nobody (a worker of a context no visit owns any
                        // more) would wait for a debugger for ever: let it run.
                        None if method == "Target.attachedToTarget" && params["waitingForDebugger"].as_bool() == Some(true) => {
                            let id = next_id.fetch_add(1, Ordering::Relaxed);
                            let _ = out
                                .send(json!({ "id": id, "method": "Runtime.runIfWaitingForDebugger", "sessionId": params["sessionId"] }).to_string());
                        }
                        None => {}
                    }
                }
            }
            // The browser went away: every waiting command fails now rather than at its timeout.
            pending.lock().unwrap_or_else(|p| p.into_inner()).clear();
        });
        Ok(conn)
    }

    /// Sends a command (to a session, or to the browser with `None`) and waits for its result.
    pub async fn call(&self, session: Option<&str>, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap_or_else(|p| p.into_inner()).insert(id, tx);
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        if self.out.send(msg.to_string()).is_err() {
            return Err("the browser connection is closed".into());
        }
        match tokio::time::timeout(COMMAND_TIMEOUT, rx).await {
            Ok(Ok(r)) => r.map_err(|e| format!("{method}: {e}")),
            Ok(Err(_)) => Err(format!("{method}: the browser connection closed")),
            Err(_) => {
                self.pending.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
                Err(format!("{method}: no answer in {} s", COMMAND_TIMEOUT.as_secs()))
            }
        }
    }

    /// Routes a session's events to a channel (replacing any earlier route), and those of every
    /// target attached under it (frames and workers, with `Target.setAutoAttach`).
    pub fn subscribe(&self, session: &str) -> mpsc::UnboundedReceiver<Event> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.routes.lock().unwrap_or_else(|p| p.into_inner()).sessions.insert(session.to_string(), tx);
        rx
    }

    /// Routes the targets the browser attaches in a browser context (its service and shared
    /// workers) to `session`'s channel.
    pub fn subscribe_context(&self, context: &str, session: &str) {
        self.routes.lock().unwrap_or_else(|p| p.into_inner()).contexts.insert(context.to_string(), session.to_string());
    }

    /// Stops routing a session's events (and its context's, when it owns one).
    pub fn unsubscribe(&self, session: &str) {
        let mut r = self.routes.lock().unwrap_or_else(|p| p.into_inner());
        r.sessions.remove(session);
        r.contexts.retain(|_, owner| owner != session);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attached(session: &str, kind: &str, context: &str) -> Value {
        json!({ "sessionId": session, "waitingForDebugger": true, "targetInfo": { "type": kind, "browserContextId": context, "url": "https://example.org/w.js" } })
    }

    #[test]
    fn attached_targets_are_routed_to_the_visit_that_owns_them() {
        let mut r = Routes::default();
        let (page, mut page_rx) = mpsc::unbounded_channel();
        let (other, _other_rx) = mpsc::unbounded_channel();
        r.sessions.insert("page".into(), page);
        r.sessions.insert("other".into(), other);
        r.contexts.insert("ctx".into(), "page".into());
        // A dedicated worker attached under the page: its own events then go to the page's channel.
        let tx = r.route("page", "Target.attachedToTarget", &attached("w1", "worker", "ctx")).expect("routed");
        tx.send(Event { session: "w1".into(), method: "x".into(), params: Value::Null }).unwrap();
        assert!(r.route("w1", "Network.requestWillBeSent", &Value::Null).is_some());
        // A service worker the browser attached: routed by its browser context.
        assert!(r.route("", "Target.attachedToTarget", &attached("sw", "service_worker", "ctx")).is_some());
        assert!(r.route("sw", "Network.requestWillBeSent", &Value::Null).is_some());
        // One of a context nobody owns is routed nowhere (the reader lets it run).
        assert!(r.route("", "Target.attachedToTarget", &attached("lost", "service_worker", "gone")).is_none());
        assert!(r.route("lost", "Network.requestWillBeSent", &Value::Null).is_none());
        // Detached: its events go nowhere.
        r.route("page", "Target.detachedFromTarget", &json!({ "sessionId": "w1" }));
        assert!(r.route("w1", "Network.requestWillBeSent", &Value::Null).is_none());
        assert_eq!(page_rx.try_recv().map(|e| e.session).ok().as_deref(), Some("w1"));
    }
}
