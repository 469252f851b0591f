//! Two programs or jobs timed alternately, pair by pair, in ABBA order, so
//! that a slow moment of the machine falls on both sides; each pair's ratio
//! is kept, and medians, min and max are printed as the README quotes them.

/// The times of each side (milliseconds) and the ratio of each pair.
pub struct Pairs {
    pub ours: Vec<f64>,
    pub theirs: Vec<f64>,
    pub ratios: Vec<f64>,
}

/// Runs `pairs` pairs of `ours` and `theirs`, each returning milliseconds:
/// even pairs run ours first, odd pairs theirs first.
pub fn alternate(
    pairs: usize,
    mut ours: impl FnMut() -> f64,
    mut theirs: impl FnMut() -> f64,
) -> Pairs {
    let mut p = Pairs {
        ours: Vec::new(),
        theirs: Vec::new(),
        ratios: Vec::new(),
    };
    for pair in 0..pairs {
        let (a, b) = if pair % 2 == 0 {
            let a = ours();
            (a, theirs())
        } else {
            let b = theirs();
            (ours(), b)
        };
        p.ours.push(a);
        p.theirs.push(b);
        p.ratios.push(a / b);
    }
    p
}

/// The median of `v` (sorted in place).
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Prints `name`, then the median, min and max of `v` in `unit`.
pub fn print_spread(name: &str, v: &mut [f64], unit: &str) {
    let m = median(v);
    println!(
        "{name:<52} median {m:>7.3}{unit}  min {:>7.3}{unit}  max {:>7.3}{unit}",
        v[0],
        v[v.len() - 1]
    );
}

/// The number of pairs: `PAIRS` from the environment, else `default`.
pub fn pairs_from_env(default: usize) -> usize {
    std::env::var("PAIRS")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(default)
}

/// True when `cargo bench` was given a filter that does not name `bench`.
pub fn filtered_out(bench: &str) -> bool {
    std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .is_some_and(|filter| !bench.contains(filter.as_str()))
}
