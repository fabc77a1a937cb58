//! The vocabulary of the field, shared by every stage: pollutants and their HJ 212 codes,
//! units and conversions, averaging periods, calendars and time zones, exact decimals and
//! regulatory rounding, languages and messages.

pub mod calendar;
pub mod decimal;
pub mod period;
pub mod pollutant;
pub mod severity;
pub mod text;
pub mod units;
pub mod zones;
