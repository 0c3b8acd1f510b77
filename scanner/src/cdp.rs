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
    /// e.g. `Network.requestWillBeSent`.
    pub method: String,
    /// The event's parameters.
    pub params: Value,
}

type Pending = Arc<Mutex<HashMap<u64, oneshot::Sender<Result<Value, String>>>>>;
type Routes = Arc<Mutex<HashMap<String, mpsc::UnboundedSender<Event>>>>;

/// The connection to the browser.
pub struct Connection {
    out: mpsc::UnboundedSender<String>,
    pending: Pending,
    routes: Routes,
    next_id: AtomicU64,
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
        let conn = Arc::new(Connection { out, pending: Pending::default(), routes: Routes::default(), next_id: AtomicU64::new(1) });
        tokio::spawn(async move {
            while let Some(text) = out_rx.recv().await {
                if sink.send(Message::text(text)).await.is_err() {
                    break;
                }
            }
        });
        let (pending, routes) = (conn.pending.clone(), conn.routes.clone());
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
                    let route = routes.lock().unwrap_or_else(|p| p.into_inner()).get(session).cloned();
                    if let Some(tx) = route {
                        let _ = tx.send(Event { method: method.to_string(), params: v.get("params").cloned().unwrap_or(Value::Null) });
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

    /// Routes a session's events to a channel (replacing any earlier route).
    pub fn subscribe(&self, session: &str) -> mpsc::UnboundedReceiver<Event> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.routes.lock().unwrap_or_else(|p| p.into_inner()).insert(session.to_string(), tx);
        rx
    }

    /// Stops routing a session's events.
    pub fn unsubscribe(&self, session: &str) {
        self.routes.lock().unwrap_or_else(|p| p.into_inner()).remove(session);
    }
}
