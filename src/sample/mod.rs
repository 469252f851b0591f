//! Workbooks made by the program itself: the sample agency for first runs, workshop
//! scenarios, and synthetic workbooks of any size for benchmarks.

mod generate;
mod riverton;
mod rng;
mod scenarios;
pub mod verdicts;

pub use generate::{GenerateSpec, generate};
pub use riverton::{SAMPLE_FILE_NAME, create_sample, fill_sample};
pub use rng::SplitMix64;
pub use scenarios::{Exercise, Exercises, Scenario, fill_practice};
