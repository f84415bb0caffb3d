//! The semver gate (`--gate`, `check --against REV`): the version bump must
//! cover the changes.

use super::change::Change;
use super::report::Report;
use crate::error::Error;

impl Report {
    /// The changes that alone demand the required bump.
    pub fn demanding(&self) -> impl Iterator<Item = &Change> {
        let major = self.old_major();
        self.changes
            .iter()
            .filter(move |change| change.kind.bump(major) == self.required_bump)
    }

    /// `Ok` when the version bump covers the changes; else the gate error naming
    /// the changes that demand the bump.
    pub fn gate(&self) -> Result<(), Error> {
        if self.gate_passes {
            return Ok(());
        }
        let demanding: Vec<String> = self
            .demanding()
            .map(|change| {
                format!(
                    "  - {} ({}): {}",
                    change.subject(),
                    change.what.as_str(),
                    change.detail
                )
            })
            .collect();
        Err(Error::Gate {
            old: self.old_version.clone(),
            new: self.new_version.clone(),
            required: self.required_bump.as_str(),
            actual: self.actual_bump.as_str(),
            because: demanding.join("\n"),
        })
    }
}
