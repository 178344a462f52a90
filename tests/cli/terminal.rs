//! A pseudo-terminal for the tests that drive phananh as an operator would (`triage` at the
//! desk, the progress bar): the command runs with the terminal as its controlling terminal
//! and its stdin, stdout and stderr; the test waits for text and types keys. It owns no
//! assertion about the product.
//!
//! Written here on nix's `openpty` (nix is already built for the product) rather than with
//! an expect-style crate, which brought a second nix and its own dependencies into every
//! cold `cargo test` (docs/testing.md, "Issue 15 point 8"). What the terminal is matches
//! what the tests were written against: 80 columns by 24 rows, echo off, and a new session
//! whose controlling terminal it is (so Ctrl-C and a closed terminal act as at a desk).

use std::fs::File;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use nix::pty::{Winsize, openpty};
use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};

/// A command that runs `program` in a new session whose controlling terminal is its stdin
/// (util-linux's `setsid --ctty`, which `tests/run` installs): set its arguments, environment
/// and directory as on any `Command`, then hand it to `Terminal::spawn`.
pub fn in_new_session(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new("setsid");
    cmd.arg("--ctty").arg(program);
    cmd
}

/// What the command wrote so far, and whether the terminal has closed.
#[derive(Default)]
struct Screen {
    bytes: Vec<u8>,
    closed: bool,
}

/// A running command on a pseudo-terminal.
pub struct Terminal {
    master: File,
    child: Child,
    screen: Arc<(Mutex<Screen>, Condvar)>,
    /// How much of `screen` the expectations have consumed: each one searches after it.
    read: usize,
    timeout: Duration,
}

impl Terminal {
    /// Starts `cmd` (from `in_new_session`) on a new 80 × 24 terminal with echo off; an
    /// expectation fails after `timeout` without its text (a hang, never a measure of
    /// speed).
    pub fn spawn(mut cmd: Command, timeout: Duration) -> Terminal {
        let size = Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(&size, None).expect("a pseudo-terminal");
        let mut modes = tcgetattr(&pty.slave).expect("the terminal's modes");
        modes.local_flags.remove(LocalFlags::ECHO);
        tcsetattr(&pty.slave, SetArg::TCSANOW, &modes).expect("echo off");
        let stdio = || Stdio::from(pty.slave.try_clone().expect("a copy of the terminal"));
        cmd.stdin(stdio()).stdout(stdio()).stderr(stdio());
        let child = cmd.spawn().expect("starting the command on the terminal");
        // The command holds the only other copies of the terminal's end: once it has
        // exited, reading the master side ends (EIO on Linux) and the test sees the end.
        drop(cmd);
        drop(pty.slave);
        let master = File::from(pty.master);
        let screen = Arc::new((Mutex::new(Screen::default()), Condvar::new()));
        let mut reader = master.try_clone().expect("a reader of the terminal");
        let shared = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buffer = [0_u8; 4096];
            loop {
                let n = match reader.read(&mut buffer) {
                    Ok(0) | Err(_) => 0,
                    Ok(n) => n,
                };
                let (lock, changed) = &*shared;
                let mut screen = lock.lock().unwrap();
                if n == 0 {
                    screen.closed = true;
                } else {
                    screen.bytes.extend_from_slice(&buffer[..n]);
                }
                changed.notify_all();
                if n == 0 {
                    return;
                }
            }
        });
        Terminal {
            master,
            child,
            screen,
            read: 0,
            timeout,
        }
    }

    /// Waits until the output after the last expectation holds `needle`; returns that
    /// output up to and including it. An error when the terminal closes or the time runs
    /// out first, with what was seen.
    pub fn expect(&mut self, needle: &str) -> Result<String, String> {
        let needle = needle.as_bytes();
        self.wait(|bytes, _| {
            bytes
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|at| at + needle.len())
        })
        .map_err(|seen| {
            format!(
                "{:?} never came; the terminal showed {seen:?}",
                String::from_utf8_lossy(needle)
            )
        })
    }

    /// Waits until the terminal closes (the command and everything it started are gone
    /// from it); returns everything written after the last expectation.
    pub fn expect_eof(&mut self) -> Result<String, String> {
        self.wait(|bytes, closed| closed.then_some(bytes.len()))
            .map_err(|seen| format!("the terminal stayed open; it showed {seen:?}"))
    }

    /// Waits until `found` (given the unread output and whether the terminal closed) says
    /// how much of it the expectation consumed.
    fn wait(&mut self, found: impl Fn(&[u8], bool) -> Option<usize>) -> Result<String, String> {
        let deadline = Instant::now() + self.timeout;
        let (lock, changed) = &*self.screen;
        let mut screen = lock.lock().unwrap();
        loop {
            let unread = &screen.bytes[self.read..];
            if let Some(end) = found(unread, screen.closed) {
                let text = String::from_utf8_lossy(&unread[..end]).into_owned();
                self.read += end;
                return Ok(text);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if screen.closed || left.is_zero() {
                return Err(String::from_utf8_lossy(unread).into_owned());
            }
            screen = changed.wait_timeout(screen, left).unwrap().0;
        }
    }

    /// Waits until the command reads keys one at a time, the terminal out of its line mode,
    /// as a prompt is while it waits for a key. A prompt draws itself and then leaves line
    /// mode: Ctrl-C typed in between is the line discipline's (a signal), not the prompt's
    /// key, and seeing the prompt's text is not enough to know which one the test will get.
    /// The modes of the pair are read through the master side.
    pub fn wait_for_key_reading(&self) -> Result<(), String> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let modes =
                tcgetattr(&self.master).map_err(|e| format!("the terminal's modes: {e}"))?;
            if !modes.local_flags.contains(LocalFlags::ICANON) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err("the command never read keys one at a time".to_owned());
            }
            std::thread::yield_now();
        }
    }

    /// Types `keys` on the terminal.
    pub fn send(&mut self, keys: &str) -> std::io::Result<()> {
        self.master.write_all(keys.as_bytes())?;
        self.master.flush()
    }
}

impl Drop for Terminal {
    /// A test that failed half-way leaves no command behind.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
