//! A throwaway PostgreSQL server for the tests: `initdb` into a temp dir, listening on
//! 127.0.0.1 on a free port, stopped and deleted when dropped. Run as the `postgres` user when
//! the tests run as root (PostgreSQL refuses to run as root).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The command that installs what this needs.
pub const INSTALL: &str = "apt-get install -y postgresql";

/// A running throwaway server.
pub struct TempPostgres {
    dir: PathBuf,
    bin: PathBuf,
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// The user the server runs as, when the tests run as root.
    run_as: Option<String>,
}

/// The folder holding `initdb` and `pg_ctl`: `$PG_BIN`, the newest under /usr/lib/postgresql, or the PATH.
fn bin_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("PG_BIN") {
        return Some(PathBuf::from(d));
    }
    let mut versions: Vec<PathBuf> =
        std::fs::read_dir("/usr/lib/postgresql").ok()?.flatten().map(|e| e.path().join("bin")).filter(|b| b.join("initdb").is_file()).collect();
    versions.sort_by_key(|p| p.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0));
    versions.pop().or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).find(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
    })
}

/// The uid and gid of `user`, from /etc/passwd.
fn ids_of(user: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let line = passwd.lines().find(|l| l.split(':').next() == Some(user))?;
    let mut f = line.split(':').skip(2);
    Some((f.next()?.parse().ok()?, f.next()?.parse().ok()?))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl TempPostgres {
    /// Starts a new server, or panics naming what is missing.
    pub fn start() -> TempPostgres {
        let Some(bin) = bin_dir() else {
            panic!("PostgreSQL is missing (no initdb and pg_ctl under /usr/lib/postgresql/*/bin or on the PATH): install it with `{INSTALL}`, then run this again.");
        };
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("crumbs-pg-{}-{stamp}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let is_root = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false);
        let run_as = is_root.then(|| "postgres".to_string());
        if let Some(user) = &run_as {
            let (uid, gid) = ids_of(user).unwrap_or_else(|| panic!("running as root needs the `postgres` user, which `{INSTALL}` creates"));
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).unwrap();
        }
        let pg = TempPostgres { dir, bin, port: free_port(), run_as };
        let data = pg.data();
        pg.run("initdb", &["-D", &data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        pg.start_again();
        pg
    }

    fn data(&self) -> String {
        self.dir.join("data").to_string_lossy().into_owned()
    }

    /// Runs one of the server's programs as its user; panics with its output when it fails.
    fn run(&self, program: &str, args: &[&str]) {
        let exe = self.bin.join(program);
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        let out = cmd.args(args).current_dir(&self.dir).output().unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
        assert!(out.status.success(), "{program} {args:?} failed:\n{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }

    /// Starts the server (again, after [`TempPostgres::stop_immediately`]) and waits until it accepts connections.
    pub fn start_again(&self) {
        let dir = self.dir.to_string_lossy();
        let opts = format!("-c listen_addresses=127.0.0.1 -p {} -k {dir} -c fsync=on -c synchronous_commit=on", self.port);
        let log = self.dir.join("server.log");
        self.run("pg_ctl", &["-D", &self.data(), "-l", &log.to_string_lossy(), "-o", &opts, "-w", "-t", "60", "start"]);
    }

    /// Stops the server as a crash would (`pg_ctl stop -m immediate`: no checkpoint, recovery on the next start).
    pub fn stop_immediately(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
    }

    /// The URL of database `db`.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    /// Creates an empty database: its URL.
    pub fn create_db(&self, db: &str) -> String {
        let mut c = postgres::Client::connect(&self.url("postgres"), postgres::NoTls).unwrap();
        c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\"")).unwrap();
        c.batch_execute(&format!("CREATE DATABASE \"{db}\"")).unwrap();
        self.url(db)
    }

    /// The server's own log (for a failing test's message).
    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let data = self.data();
        let exe = self.bin.join("pg_ctl");
        let args = ["-D", data.as_str(), "-m", "fast", "-w", "stop"];
        let _ = match &self.run_as {
            Some(user) => Command::new("runuser").args(["-u", user, "--"]).arg(&exe).args(args).output(),
            None => Command::new(&exe).args(args).output(),
        };
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
