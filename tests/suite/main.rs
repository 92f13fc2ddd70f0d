//! The integration tests, in one binary: the real `brief`, the real typst 0.15.1 and the
//! bundled fonts. PDFs are read back with Rust crates (see `pdf`), so `cargo test` needs
//! nothing but the Rust toolchain.
//!
//! `harness` runs the binary (`Brief::new().args([..]).run()`) and holds the shared helpers.

mod any_region;
mod audiences;
mod build;
mod cli;
mod confined;
mod escape_prop;
mod extract_score;
mod figures;
mod golden;
mod harness;
mod hostile;
mod hostile_office;
mod install;
mod kept;
mod kept_facts;
mod meaning;
mod office;
mod pdf;
mod prose;
mod safety;
mod shards;
mod templates;
mod verify;
mod verify_county;
mod verify_genres;
mod watch;
