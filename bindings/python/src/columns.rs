//! Host columns lent by Python, viewed as the core's table types without copying.
//!
//! The Python side (`ecorules/_data.py`) turns any supported input into a small tuple
//! protocol of contiguous numpy arrays (numeric columns as they are; Arrow string columns
//! as their offsets and data buffers):
//!
//! * `("text", text, "csv" | "json")` — a file's content, loaded by the core's loaders;
//! * `("wide", keys, time, flags | None, [(pollutant, values_f64, flags | None), ...])`;
//! * `("long", keys, keys, time, values_f64, flags | None)`;
//! * `("capture", Capture)` — readings decoded from HJ 212 packets, already in Rust;
//!
//! where `keys = ("i32" | "i64", codes, names | None)`, `time = ("seconds", i64)` or
//! `("text", offsets_i32, data_u8)`, `flags = ("letters", u8)` or `("text", offsets, data)`.
//! Here the arrays are borrowed read-only ([`PyReadonlyArray1::as_slice`]) and handed to
//! `ecorules::host::readings_from_wide` / `readings_from_long`, which borrow them in turn.

use crate::guard::data_error;
use ecorules::host::{
    FlagCells, KeyCodes, LongTable, RowKeys, TextCells, TimeCells, ValueColumn, WideTable,
};
use ecorules::ErrorCode;
use numpy::{Element, PyReadonlyArray1};
use pyo3::prelude::*;

/// A read-only borrow of a numpy array, as a slice.
fn slice<'a, T: Element>(py: Python<'_>, a: &'a PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    a.as_slice().map_err(|_| {
        data_error(
            py,
            ErrorCode::DataNotContiguous,
            "a column array is not contiguous",
        )
    })
}

/// Key codes held for the duration of a call.
pub enum HeldKeys<'py> {
    /// int32 codes.
    I32(PyReadonlyArray1<'py, i32>, Option<Vec<String>>),
    /// int64 codes.
    I64(PyReadonlyArray1<'py, i64>, Option<Vec<String>>),
}

impl<'py> HeldKeys<'py> {
    fn extract(ob: &Bound<'py, PyAny>) -> PyResult<Self> {
        let (tag, codes, names): (String, Bound<'py, PyAny>, Option<Vec<String>>) = ob.extract()?;
        match tag.as_str() {
            "i32" => Ok(HeldKeys::I32(codes.extract()?, names)),
            _ => Ok(HeldKeys::I64(codes.extract()?, names)),
        }
    }

    fn view(&self, py: Python<'_>) -> PyResult<RowKeys<'_>> {
        Ok(match self {
            HeldKeys::I32(a, n) => RowKeys {
                codes: KeyCodes::I32(slice(py, a)?),
                names: n.as_deref(),
            },
            HeldKeys::I64(a, n) => RowKeys {
                codes: KeyCodes::I64(slice(py, a)?),
                names: n.as_deref(),
            },
        })
    }
}

/// Arrow-style text cells held for the duration of a call.
pub struct HeldText<'py> {
    offsets: PyReadonlyArray1<'py, i32>,
    data: PyReadonlyArray1<'py, u8>,
}

impl HeldText<'_> {
    fn view(&self, py: Python<'_>) -> PyResult<TextCells<'_>> {
        Ok(TextCells {
            offsets: slice(py, &self.offsets)?,
            data: slice(py, &self.data)?,
        })
    }
}

/// A time column held for the duration of a call.
pub enum HeldTime<'py> {
    /// Unix seconds.
    Seconds(PyReadonlyArray1<'py, i64>),
    /// Text cells.
    Text(HeldText<'py>),
}

impl<'py> HeldTime<'py> {
    fn extract(ob: &Bound<'py, PyAny>) -> PyResult<Self> {
        let tag: String = ob.get_item(0)?.extract()?;
        if tag == "text" {
            let (_, offsets, data): (String, _, _) = ob.extract()?;
            Ok(HeldTime::Text(HeldText { offsets, data }))
        } else {
            let (_, s): (String, _) = ob.extract()?;
            Ok(HeldTime::Seconds(s))
        }
    }

    fn view(&self, py: Python<'_>) -> PyResult<TimeCells<'_>> {
        Ok(match self {
            HeldTime::Seconds(s) => TimeCells::Seconds(slice(py, s)?),
            HeldTime::Text(t) => TimeCells::Text(t.view(py)?),
        })
    }
}

/// A flag column held for the duration of a call.
pub enum HeldFlags<'py> {
    /// One byte per row.
    Letters(PyReadonlyArray1<'py, u8>),
    /// Text cells.
    Text(HeldText<'py>),
}

impl<'py> HeldFlags<'py> {
    fn extract(ob: &Bound<'py, PyAny>) -> PyResult<Option<Self>> {
        if ob.is_none() {
            return Ok(None);
        }
        let tag: String = ob.get_item(0)?.extract()?;
        if tag == "text" {
            let (_, offsets, data): (String, _, _) = ob.extract()?;
            Ok(Some(HeldFlags::Text(HeldText { offsets, data })))
        } else {
            let (_, l): (String, _) = ob.extract()?;
            Ok(Some(HeldFlags::Letters(l)))
        }
    }

    fn view(&self, py: Python<'_>) -> PyResult<FlagCells<'_>> {
        Ok(match self {
            HeldFlags::Letters(l) => FlagCells::Letters(slice(py, l)?),
            HeldFlags::Text(t) => FlagCells::Text(t.view(py)?),
        })
    }
}

/// One pollutant column of a wide table, held.
pub struct HeldColumn<'py> {
    pollutant: String,
    values: PyReadonlyArray1<'py, f64>,
    flags: Option<HeldFlags<'py>>,
}

/// Any data input, held for the duration of a call.
pub enum HeldData<'py> {
    /// A decoded HJ 212 capture (readings owned by Rust).
    Capture(Bound<'py, crate::hj212::Capture>),
    /// File content and format.
    Text(String, ecorules::host::DataFormat),
    /// A wide table.
    Wide {
        /// Outlets.
        outlet: HeldKeys<'py>,
        /// Times.
        time: HeldTime<'py>,
        /// Shared flags.
        flags: Option<HeldFlags<'py>>,
        /// Pollutant columns.
        columns: Vec<HeldColumn<'py>>,
    },
    /// A long table.
    Long {
        /// Outlets.
        outlet: HeldKeys<'py>,
        /// Pollutants.
        pollutant: HeldKeys<'py>,
        /// Times.
        time: HeldTime<'py>,
        /// Values.
        values: PyReadonlyArray1<'py, f64>,
        /// Flags.
        flags: Option<HeldFlags<'py>>,
    },
}

/// A borrowed view of [`HeldData`], ready for the core (and `Send`, so the GIL can go).
pub enum DataView<'a> {
    /// Readings already in Rust.
    Readings(&'a ecorules::Readings<'static>),
    /// File content.
    Text(&'a str, ecorules::host::DataFormat),
    /// Wide table.
    Wide(WideTable<'a>),
    /// Long table.
    Long(LongTable<'a>),
}

impl<'py> HeldData<'py> {
    /// Reads the tuple protocol described in the module docs.
    pub fn extract(py: Python<'py>, ob: &Bound<'py, PyAny>) -> PyResult<Self> {
        let tag: String = ob.get_item(0)?.extract()?;
        match tag.as_str() {
            "text" => {
                let (_, text, format): (String, String, String) = ob.extract()?;
                let f = match format.as_str() {
                    "csv" => ecorules::host::DataFormat::Csv,
                    _ => ecorules::host::DataFormat::Json,
                };
                Ok(HeldData::Text(text, f))
            }
            "wide" => {
                let outlet = HeldKeys::extract(&ob.get_item(1)?)?;
                let time = HeldTime::extract(&ob.get_item(2)?)?;
                let flags = HeldFlags::extract(&ob.get_item(3)?)?;
                let mut columns = Vec::new();
                for c in ob.get_item(4)?.try_iter()? {
                    let c = c?;
                    columns.push(HeldColumn {
                        pollutant: c.get_item(0)?.extract()?,
                        values: c.get_item(1)?.extract()?,
                        flags: HeldFlags::extract(&c.get_item(2)?)?,
                    });
                }
                Ok(HeldData::Wide {
                    outlet,
                    time,
                    flags,
                    columns,
                })
            }
            "capture" => Ok(HeldData::Capture(ob.get_item(1)?.cast_into()?)),
            "long" => Ok(HeldData::Long {
                outlet: HeldKeys::extract(&ob.get_item(1)?)?,
                pollutant: HeldKeys::extract(&ob.get_item(2)?)?,
                time: HeldTime::extract(&ob.get_item(3)?)?,
                values: ob.get_item(4)?.extract()?,
                flags: HeldFlags::extract(&ob.get_item(5)?)?,
            }),
            other => Err(data_error(
                py,
                ErrorCode::DataUnsupportedInput,
                format!("unknown data protocol `{other}`"),
            )),
        }
    }

    /// Borrows every array as a slice.
    pub fn view(&self, py: Python<'_>) -> PyResult<DataView<'_>> {
        Ok(match self {
            HeldData::Capture(c) => DataView::Readings(c.get().readings()),
            HeldData::Text(t, f) => DataView::Text(t, *f),
            HeldData::Wide {
                outlet,
                time,
                flags,
                columns,
            } => DataView::Wide(WideTable {
                outlet: outlet.view(py)?,
                time: time.view(py)?,
                flags: flags.as_ref().map(|f| f.view(py)).transpose()?,
                columns: columns
                    .iter()
                    .map(|c| {
                        Ok(ValueColumn {
                            pollutant: c.pollutant.clone(),
                            values: slice(py, &c.values)?,
                            flags: c.flags.as_ref().map(|f| f.view(py)).transpose()?,
                        })
                    })
                    .collect::<PyResult<Vec<_>>>()?,
            }),
            HeldData::Long {
                outlet,
                pollutant,
                time,
                values,
                flags,
            } => DataView::Long(LongTable {
                outlet: outlet.view(py)?,
                pollutant: pollutant.view(py)?,
                time: time.view(py)?,
                values: slice(py, values)?,
                flags: flags.as_ref().map(|f| f.view(py)).transpose()?,
            }),
        })
    }
}

impl DataView<'_> {
    /// Like [`DataView::with_readings`], but JSON documents may also carry operating
    /// signals (`fan`, `production_line`; the warning monitor's loader,
    /// `ecorules::host::load_signals_json`).
    pub fn with_signal_readings<T>(
        &self,
        load: &ecorules::LoadOptions,
        f: impl FnOnce(&ecorules::Readings<'_>) -> ecorules::Result<T>,
    ) -> ecorules::Result<T> {
        match self {
            DataView::Text(t, ecorules::host::DataFormat::Json) => {
                f(&ecorules::host::load_signals_json(t, load)?)
            }
            _ => self.with_readings(load, f),
        }
    }

    /// The readings (borrowing where the layout allows), then `f` on them.
    pub fn with_readings<T>(
        &self,
        load: &ecorules::LoadOptions,
        f: impl FnOnce(&ecorules::Readings<'_>) -> ecorules::Result<T>,
    ) -> ecorules::Result<T> {
        match self {
            DataView::Readings(r) => f(r),
            DataView::Text(t, fmt) => f(&ecorules::host::load_data(t, *fmt, load)?),
            DataView::Wide(w) => f(&ecorules::host::readings_from_wide(w, load)?),
            DataView::Long(l) => f(&ecorules::host::readings_from_long(l, load)?),
        }
    }
}
