//! The commands, one file each: render one briefing (the default), init, check, regions,
//! audiences, build, watch, verify and extract; and the cache of a single render's source.

pub mod audiences;
pub mod build;
pub mod check;
pub mod extract;
pub mod init;
pub mod manifest;
pub mod regions;
pub mod render;
pub mod source_cache;
pub mod verify;
pub mod watch;
