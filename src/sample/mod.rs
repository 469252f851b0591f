//! Workbooks made by the program itself: the sample agency for first runs, workshop
//! scenarios, and synthetic workbooks of any size for benchmarks.

mod generate;
mod riverton;
mod scenarios;
pub mod verdicts;

pub use crate::analysis::rng::SplitMix64;
pub use generate::{GenerateSpec, generate};
pub use riverton::{SAMPLE_FILE_NAME, SampleError, fill_sample};
pub use scenarios::{Exercise, Exercises, Scenario, fill_practice};
