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

    /// Waits for the command to end and gives its exit status (`setsid` runs it in place:
    /// the status is the command's own).
    pub fn status(&mut self) -> std::process::ExitStatus {
        self.child.wait().expect("the command's exit status")
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

/// Each drawing of a progress bar in `output`: the text between cursor movements and line
/// ends that holds `marker` (the bar's label and " ["), its trailing spaces cut.
pub fn drawings(output: &str, marker: &str) -> Vec<String> {
    regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]|[\r\n]")
        .unwrap()
        .split(output)
        .filter(|part| part.contains(marker))
        .map(|part| part.trim_end().to_owned())
        .collect()
}

/// One row of a screen as `rendered` leaves it: its text, and whether the terminal broke it
/// there because it reached the edge (the text goes on in the next row), not the program.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub text: String,
    pub wrapped: bool,
}

/// What an operator's terminal `columns` wide shows once it has been sent `output`: the
/// rows as a VT100 keeps them, for the cursor movements and erasures a progress bar makes
/// (CR, LF, `ESC[nA`/`B`/`C`/`D`/`G`, `ESC[K`, `ESC[2K`, `ESC[J`); other sequences draw
/// nothing. A character that does not fit what is left of a row goes to the next one, as
/// xterm's auto-wrap puts it, and that row is marked `wrapped`. Enough to see what a
/// message printed under a progress bar became; not a terminal.
pub fn rendered(output: &str, columns: usize) -> Vec<Row> {
    use unicode_width::UnicodeWidthChar;
    // Each row a cell per column: a wide character's second column holds "".
    let mut rows: Vec<(Vec<String>, bool)> = vec![(Vec::new(), false)];
    let (mut row, mut col) = (0_usize, 0_usize);
    // xterm leaves the cursor on the last column once it is written; the next character
    // wraps, a CR or a cursor movement does not.
    let mut pending_wrap = false;
    let down = |rows: &mut Vec<(Vec<String>, bool)>, row: usize| {
        while rows.len() <= row {
            rows.push((Vec::new(), false));
        }
    };
    let mut chars = output.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                col = 0;
                pending_wrap = false;
            }
            '\n' => {
                row += 1;
                pending_wrap = false;
                down(&mut rows, row);
            }
            '\u{1b}' => {
                if chars.next() != Some('[') {
                    continue;
                }
                let mut params = String::new();
                let mut command = ' ';
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() || c == '~' {
                        command = c;
                        break;
                    }
                    params.push(c);
                }
                let n = params.trim_start_matches('?').parse::<usize>().unwrap_or(0);
                pending_wrap = false;
                let erased = |rows: &mut Vec<(Vec<String>, bool)>, row: usize| {
                    rows[row].1 = false;
                };
                match command {
                    'A' => row = row.saturating_sub(n.max(1)),
                    'B' => {
                        row += n.max(1);
                        down(&mut rows, row);
                    }
                    'C' => col = (col + n.max(1)).min(columns - 1),
                    'D' => col = col.saturating_sub(n.max(1)),
                    'G' => col = n.max(1) - 1,
                    'K' => {
                        let line = &mut rows[row].0;
                        match n {
                            2 => line.clear(),
                            1 => line.iter_mut().take(col + 1).for_each(|c| *c = " ".into()),
                            _ => line.truncate(col),
                        }
                        erased(&mut rows, row);
                    }
                    'J' => {
                        rows[row].0.truncate(col);
                        rows.truncate(row + 1);
                        erased(&mut rows, row);
                    }
                    _ => {}
                }
            }
            c if c.is_control() => {}
            c => {
                let width = c.width().unwrap_or(0);
                if width == 0 {
                    if let Some(cell) = rows[row].0.get_mut(col.saturating_sub(1)) {
                        cell.push(c);
                    }
                    continue;
                }
                if pending_wrap || col + width > columns {
                    rows[row].1 = true;
                    row += 1;
                    col = 0;
                    pending_wrap = false;
                    down(&mut rows, row);
                }
                let line = &mut rows[row].0;
                while line.len() < col + width {
                    line.push(" ".into());
                }
                line[col] = c.to_string();
                if width == 2 {
                    line[col + 1] = String::new();
                }
                col += width;
                if col >= columns {
                    col = columns - 1;
                    pending_wrap = true;
                }
            }
        }
    }
    rows.into_iter()
        .map(|(cells, wrapped)| Row {
            text: cells.concat().trim_end().to_owned(),
            wrapped,
        })
        .collect()
}
