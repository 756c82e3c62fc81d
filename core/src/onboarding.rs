//! First run: the vault and the program it serves come into being together.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::Result;
use crate::program::ProgramSettings;
use crate::record::Record;
use crate::time::{Stamp, Zone};
use crate::vault::{KdfParams, RecoveryKey, Vault};

/// Creates the vault in `dir` and stores the program start date with it. Returns the unlocked vault
/// and the recovery key to show once.
pub fn create_vault(
    dir: &Path,
    passphrase: &str,
    program_start: NaiveDate,
    zone: Zone,
    params: KdfParams,
    now: DateTime<Utc>,
) -> Result<(Vault, RecoveryKey)> {
    // Validate the program before any file exists, so a bad date leaves nothing behind.
    let program = Record::Program(ProgramSettings::new(program_start, zone));
    program.validate()?;
    let (mut vault, recovery) = Vault::create(dir, passphrase, params, now)?;
    vault.save(None, program, Stamp::new(now, zone))?;
    Ok((vault, recovery))
}
