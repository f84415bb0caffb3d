//! Stage 4: one backend per output, all reading the same model.
//!
//! [`BACKENDS`] (`registry`) is the one list of outputs: rendering, validation of
//! names and the test suite iterate it. A language is one module implementing
//! [`Backend`] (`backend`, and [`naming::Oracle`], how it spells names), plus its
//! template folder; `schedule` renders them on every core. This file only
//! declares the modules and re-exports their public names.

pub mod api;
mod backend;
pub mod declared;
mod html;
mod json;
pub mod kotlin;
mod markdown;
pub mod naming;
mod registry;
pub mod rust;
mod schedule;
pub mod swift;
pub mod typescript;
mod view;

pub use crate::export::{catalog_hash, json_schema};
pub use backend::{Backend, Catalog, Matching, Setting};
pub use html::{SEARCH_LOCALES, search_locales};
pub use registry::{BACKENDS, oracles};
pub use schedule::{render_all, render_each, render_one};
