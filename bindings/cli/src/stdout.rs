//! Writing to standard output without panicking.
//!
//! `println!` panics when stdout is gone (`ecorules check … | head` closes the pipe after ten
//! lines). Every line the CLI prints goes through [`outln!`] instead, which returns the write
//! error as a `data.output` error. A closed pipe is not a failure of the command: the reader
//! has what it wanted, so [`closed`] tells `main` to end quietly with status 0, as `cat`, `git`
//! and `ripgrep` do.

use ecorules::{Error, ErrorCode};
use std::sync::atomic::{AtomicBool, Ordering};

static CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether a write found stdout closed by its reader (broken pipe).
pub fn closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

/// A failed write to stdout as a `data.output` error; remembers a broken pipe.
pub fn write_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        CLOSED.store(true, Ordering::Relaxed);
    }
    Error::data(
        ErrorCode::DataOutput,
        format!("cannot write the output: {e}"),
    )
}

/// A failed CSV write to stdout (see [`write_error`]).
pub fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => write_error(io),
        other => Error::data(
            ErrorCode::DataOutput,
            format!("cannot write the CSV: {other:?}"),
        ),
    }
}

/// `println!` that returns `Result<(), ecorules::Error>` instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*).map_err($crate::stdout::write_error)
    }};
}
pub(crate) use outln;
