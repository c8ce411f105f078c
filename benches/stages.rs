//! Native benchmarks of each stage and of the whole pipeline, on the seed notices and on
//! generated 100 KB and 1 MB inputs (the same bytes as the JS benchmark's, see `corpus`).
//!
//! ```sh
//! cargo bench --bench stages                 # everything (a few minutes)
//! cargo bench --bench stages -- compare/     # one stage
//! NOTICE_DIFF_BENCH_DUMP=DIR cargo bench --bench stages   # write the inputs, bench nothing
//! ```
//!
//! Each input is one benchmark id: `seeds` runs the stage over all five seed notices (read,
//! outline) or all ten seed pairs (align, diff, compare) per iteration.

mod corpus;

use criterion::{BenchmarkGroup, Criterion, Throughput};
use notice_diff::{
    align, compare, diff_text, outline, read, Block, CompareOptions, Link, Outline, ReadOptions,
};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

/// One benchmark input: the pairs a stage runs over per iteration.
struct Input {
    name: &'static str,
    pairs: Vec<(String, String)>,
}

impl Input {
    fn bytes(&self) -> u64 {
        self.pairs
            .iter()
            .map(|(l, r)| (l.len() + r.len()) as u64)
            .sum()
    }
}

fn inputs() -> Vec<Input> {
    let seeds: Vec<String> = corpus::seed_files()
        .iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(f).expect("seed")).into_owned())
        .collect();
    let mut seed_pairs = Vec::new();
    for (i, left) in seeds.iter().enumerate() {
        for right in seeds.iter().skip(i + 1) {
            seed_pairs.push((left.clone(), right.clone()));
        }
    }
    let pool = corpus::load_pool();
    vec![
        Input {
            name: "seeds",
            pairs: seed_pairs,
        },
        Input {
            name: "100K",
            pairs: vec![corpus::scaled(100_000, &pool)],
        },
        Input {
            name: "1M",
            pairs: vec![corpus::scaled(1_000_000, &pool)],
        },
    ]
}

/// The texts `compare` hands to the differ: one per leaf pair of the alignment, several
/// blocks on a side joined by a line break, as compare.rs does.
fn leaf_texts(left: &str, right: &str) -> Vec<(String, String)> {
    let (lo, ro) = (outline(left), outline(right));
    let links = align(left, &lo, right, &ro);
    let (lb, rb) = (blocks(&lo), blocks(&ro));
    let mut out = Vec::new();
    let mut stack: Vec<&Link> = links.iter().collect();
    while let Some(link) = stack.pop() {
        if link.children.is_empty() {
            out.push((
                joined(left, &lb, &link.left),
                joined(right, &rb, &link.right),
            ));
        }
        stack.extend(link.children.iter());
    }
    out
}

fn blocks(tree: &Outline) -> HashMap<u32, &Block> {
    tree.walk().map(|b| (b.id, b)).collect()
}

fn joined(text: &str, blocks: &HashMap<u32, &Block>, ids: &[u32]) -> String {
    ids.iter()
        .filter_map(|id| blocks.get(id))
        .filter_map(|b| text.get(b.bytes.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn configure<M: criterion::measurement::Measurement>(group: &mut BenchmarkGroup<M>, input: &Input) {
    group.throughput(Throughput::Bytes(input.bytes()));
    // A 1 MB comparison takes long enough that ten samples say what there is to say.
    group.sample_size(if input.name == "1M" { 10 } else { 20 });
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(if input.name == "1M" { 10 } else { 4 }));
}

fn bench_stages(c: &mut Criterion, inputs: &[Input]) {
    let options = CompareOptions::default();
    for input in inputs {
        let files: Vec<&String> = if input.name == "seeds" {
            // Each seed once, not once per pair it appears in.
            let mut seen: Vec<&String> = Vec::new();
            for (l, r) in &input.pairs {
                for t in [l, r] {
                    if !seen.contains(&t) {
                        seen.push(t);
                    }
                }
            }
            seen
        } else {
            input.pairs.iter().map(|(l, _)| l).collect()
        };
        let file_bytes: u64 = files.iter().map(|t| t.len() as u64).sum();

        let mut group = c.benchmark_group("read");
        configure(&mut group, input);
        group.throughput(Throughput::Bytes(file_bytes));
        group.bench_function(input.name, |b| {
            b.iter(|| {
                for text in &files {
                    let _ = black_box(read(text.as_bytes(), None, &ReadOptions::default()));
                }
            })
        });
        group.finish();

        let mut group = c.benchmark_group("outline");
        configure(&mut group, input);
        group.throughput(Throughput::Bytes(file_bytes));
        group.bench_function(input.name, |b| {
            b.iter(|| {
                for text in &files {
                    black_box(outline(text));
                }
            })
        });
        group.finish();

        let outlines: Vec<(Outline, Outline)> = input
            .pairs
            .iter()
            .map(|(l, r)| (outline(l), outline(r)))
            .collect();
        let mut group = c.benchmark_group("align");
        configure(&mut group, input);
        group.bench_function(input.name, |b| {
            b.iter(|| {
                for ((l, r), (lo, ro)) in input.pairs.iter().zip(&outlines) {
                    black_box(align(l, lo, r, ro));
                }
            })
        });
        group.finish();

        let leaves: Vec<(String, String)> = input
            .pairs
            .iter()
            .flat_map(|(l, r)| leaf_texts(l, r))
            .collect();
        let mut group = c.benchmark_group("diff");
        configure(&mut group, input);
        group.bench_function(format!("{}-leaf-pairs", input.name), |b| {
            b.iter(|| {
                for (l, r) in &leaves {
                    black_box(diff_text(l, r, &options, None));
                }
            })
        });
        if input.name == "seeds" {
            // Whole notices as one text each: the differ alone, with no structure to lean on.
            group.bench_function("seeds-whole-texts", |b| {
                b.iter(|| {
                    for (l, r) in &input.pairs {
                        black_box(diff_text(l, r, &options, None));
                    }
                })
            });
        }
        group.finish();

        let mut group = c.benchmark_group("compare");
        configure(&mut group, input);
        group.bench_function(input.name, |b| {
            b.iter(|| {
                for (l, r) in &input.pairs {
                    black_box(compare(l, r, &options));
                }
            })
        });
        group.finish();
    }
}

/// Writes the generated inputs as `<size>.left.txt` / `<size>.right.txt`, for comparing
/// with what bench/gen.mjs writes.
fn dump(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).expect("dump folder");
    let pool = corpus::load_pool();
    for (name, target) in [
        ("10K", 10_000),
        ("20K", 20_000),
        ("100K", 100_000),
        ("200K", 200_000),
        ("1M", 1_000_000),
        ("2M", 2_000_000),
        ("5M", 5_000_000),
    ] {
        let (left, right) = corpus::scaled(target, &pool);
        std::fs::write(dir.join(format!("{name}.left.txt")), left).expect("write");
        std::fs::write(dir.join(format!("{name}.right.txt")), right).expect("write");
    }
}

fn main() {
    if let Some(dir) = std::env::var_os("NOTICE_DIFF_BENCH_DUMP") {
        dump(std::path::Path::new(&dir));
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    bench_stages(&mut criterion, &inputs());
    criterion.final_summary();
}
