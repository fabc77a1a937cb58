pub mod error;
pub mod hj212;
pub mod pollutant;
pub mod readings;
pub mod suggest;
pub mod units;
pub mod zones;
pub mod report { #[derive(Debug, Clone, Copy)] pub enum Lang { Zh, En } }
