//! The commands, one file each: render one briefing (the default), check, regions, build.

pub mod build;
pub mod check;
pub mod manifest;
pub mod regions;
pub mod render;
