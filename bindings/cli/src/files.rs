//! Reading input files with errors in the common envelope.

use ecorules::Error;
use ecorules::ErrorCode;

/// The text of a file, or a `data.io` error naming it.
pub fn read(path: &str) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::data(ErrorCode::DataIo, format!("cannot read `{path}`: {e}")).with_file(path)
    })
}
