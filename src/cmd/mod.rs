//! The commands, one file each: render one briefing (the default), check, regions, build,
//! verify and extract.

pub mod build;
pub mod check;
pub mod extract;
pub mod manifest;
pub mod regions;
pub mod render;
pub mod verify;
