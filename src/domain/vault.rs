//! The reporter's identity sealed at rest (Đ6.5; Law 91/2025/QH15's protection measures;
//! SECURITY.md "Identity at rest"): each report's name and phone are encrypted under a key of
//! their own, and that key is wrapped by the master key kept in a file outside the database.
//! Owns the cipher (XChaCha20-Poly1305), the layout of the sealed bytes and of the key file's
//! text, and what the stored form of an identity is (clear, sealed, erased). Pure: the key
//! file is read and written by `storage::keyfile`, and randomness comes from the caller's
//! generator, seeded once per process from the operating system.
//!
//! Both ciphertexts are bound to the report's app id (`external_id`: unique, never changed,
//! and known before the row's number is), so neither can be moved to another report. The
//! digest the log seals covers the sealed identity, never the clear one: random keys and
//! nonces make it useless for testing guesses. It does not cover the wrapped key, so that
//! `key rotate` re-wraps every report without rewriting their seals.

use phananh_cipher::{Cipher, Generator};
use sha2::{Digest, Sha256};

/// Bytes of a key (the master key and every report's own).
pub const KEY_LEN: usize = 32;
/// Bytes of an XChaCha20 nonce.
pub const NONCE_LEN: usize = 24;
/// Bytes Poly1305 adds.
const TAG_LEN: usize = 16;
/// Bytes of a wrapped report key: nonce, encrypted key, tag.
pub const WRAPPED_LEN: usize = NONCE_LEN + KEY_LEN + TAG_LEN;

/// What the key file's one line starts with: the format, then the key in hex.
pub const KEY_FILE_TAG: &str = "phananh-identity-key-v1";

/// The comment line by which `key rotate` marks the key file it writes, followed by the id
/// of the key it replaces.
const ROTATION_MARK: &str = "# key rotate: thay khóa / replaces key";

/// Associated data: what each ciphertext is, and the report it belongs to.
const WRAP_CONTEXT: &[u8] = b"phananh report key v1\0";
const SEAL_CONTEXT: &[u8] = b"phananh identity v1\0";

/// The process's generator of keys and nonces: ChaCha20 seeded once from the operating
/// system, so that a load of a million reports makes no system call per report.
pub struct Random(Generator);

impl Random {
    pub fn from_seed(seed: [u8; 32]) -> Random {
        Random(Generator::from_seed(seed))
    }

    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        self.0.fill(&mut out);
        out
    }
}

/// The master key: it opens every report's key. Never stored in the database.
#[derive(Clone, PartialEq, Eq)]
pub struct MasterKey([u8; KEY_LEN]);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MasterKey({})", self.id())
    }
}

impl MasterKey {
    pub fn generate(random: &mut Random) -> MasterKey {
        MasterKey(random.bytes())
    }

    /// A short public name of the key, stored in the database so that a wrong key file is
    /// told apart from a damaged identity. A hash of the key: it says nothing of the key.
    pub fn id(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(b"phananh key id\0");
        hash.update(self.0);
        crate::domain::report::hex(&hash.finalize()[..8])
    }

    /// The text of the key file `key rotate` writes beside the one in place before the
    /// database changes: a key file like any other, with a comment naming the key it
    /// replaces. Only that mark tells the next run its own interrupted rotation from a file
    /// someone else put at the same name (another database's key, a copy of this one), which
    /// it must neither delete nor move into place.
    pub fn to_rotation_file_text(&self, replaces: &str) -> String {
        format!("{ROTATION_MARK} {replaces}\n{}", self.to_file_text())
    }

    /// The key file's text.
    pub fn to_file_text(&self) -> String {
        format!(
            "# phananh: khóa mở danh tính người phản ánh / the key to reporters' identities.\n\
             # Giữ riêng, không để cạnh bản sao lưu / keep it apart from the backups (SECURITY.md).\n\
             {KEY_FILE_TAG} {}\n",
            crate::domain::report::hex(&self.0)
        )
    }

    /// The key a key file's text holds; None when it holds none (comments and blank lines
    /// aside, exactly one line of the format).
    pub fn from_file_text(text: &str) -> Option<MasterKey> {
        let mut keys = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        let line = keys.next()?;
        if keys.next().is_some() {
            return None;
        }
        let hex = line.strip_prefix(KEY_FILE_TAG)?.trim();
        let bytes = crate::domain::report::unhex(hex)?;
        Some(MasterKey(bytes.try_into().ok()?))
    }

    /// The key a key file's text says it replaces, when `key rotate` wrote it (its mark, see
    /// `to_rotation_file_text`); None for any other text.
    pub fn rotation_replaces(text: &str) -> Option<String> {
        text.lines()
            .find_map(|line| line.trim().strip_prefix(ROTATION_MARK))
            .map(str::trim)
            .filter(|id| !id.is_empty() && !id.contains(char::is_whitespace))
            .map(str::to_owned)
    }

    fn cipher(&self) -> Cipher {
        Cipher::new(&self.0)
    }
}

/// An identity as stored: the report's key wrapped by the master key, and the name and
/// phone sealed by the report's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedIdentity {
    pub wrapped_key: Vec<u8>,
    pub sealed: Vec<u8>,
}

/// The stored form of a report's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// In the clear columns: a report not sealed yet (just read from a file) or a database
    /// from before sealing, opened without its key since.
    Clear,
    /// Sealed; `opened` says whether the report's `reporter_name` and `reporter_phone` hold
    /// the clear text (read with the key) or nothing.
    Sealed {
        identity: SealedIdentity,
        opened: bool,
    },
    /// Destroyed by `erase`: nothing of it remains anywhere in the database. In its place
    /// the row keeps a [`Tombstone`] of random bytes nobody is shown, so that the row's seal
    /// still covers something no one can guess (an erasure made before tombstones keeps
    /// none, and its seals stay as they were).
    Erased(Option<Tombstone>),
}

/// What stands in an erased identity's place: a marker and random bytes. Without it the
/// seal of an erased row covers only fields a leader is shown, the parts of its texts hidden
/// as `[đã ẩn]` aside, and trying every phone that fits against an event's seal finds the
/// one typed into the content (SECURITY.md, "Identity at rest"). Shorter than any sealed
/// identity, so the two are never confused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tombstone(Vec<u8>);

impl Tombstone {
    pub const MARK: &[u8] = b"erased:";
    pub const LEN: usize = Tombstone::MARK.len() + 32;

    pub fn new(random: &mut Random) -> Tombstone {
        let mut bytes = Tombstone::MARK.to_vec();
        bytes.extend_from_slice(&random.bytes::<32>());
        Tombstone(bytes)
    }

    /// The tombstone these stored bytes are, if they are one.
    pub fn read(bytes: &[u8]) -> Option<Tombstone> {
        (bytes.len() == Tombstone::LEN && bytes.starts_with(Tombstone::MARK))
            .then(|| Tombstone(bytes.to_vec()))
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Why an identity could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenError {
    /// The report's key does not unwrap under this master key: another database's key, or
    /// a key that `key rotate` replaced.
    WrongKey,
    /// The report's key unwrapped but the identity does not open: damaged, or moved from
    /// another report.
    Damaged,
}

fn context(prefix: &[u8], external_id: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(prefix.len() + external_id.len());
    aad.extend_from_slice(prefix);
    aad.extend_from_slice(external_id.as_bytes());
    aad
}

/// `nonce ‖ ciphertext ‖ tag` of `plain` under `key`.
fn encrypt(cipher: &Cipher, random: &mut Random, plain: &[u8], aad: &[u8]) -> Vec<u8> {
    let nonce: [u8; NONCE_LEN] = random.bytes();
    let sealed = cipher.encrypt(&nonce, plain, aad);
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

fn decrypt(cipher: &Cipher, bytes: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < NONCE_LEN + TAG_LEN {
        return None;
    }
    let (nonce, sealed) = bytes.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce.try_into().ok()?;
    cipher.decrypt(&nonce, sealed, aad)
}

/// Seals a reporter's name and phone for report `external_id` under a new key of its own.
pub fn seal(
    master: &MasterKey,
    random: &mut Random,
    external_id: &str,
    name: &str,
    phone: &str,
) -> SealedIdentity {
    let key: [u8; KEY_LEN] = random.bytes();
    let wrapped_key = encrypt(
        &master.cipher(),
        random,
        &key,
        &context(WRAP_CONTEXT, external_id),
    );
    let sealed = encrypt(
        &Cipher::new(&key),
        random,
        &plain_identity(name, phone),
        &context(SEAL_CONTEXT, external_id),
    );
    SealedIdentity {
        wrapped_key,
        sealed,
    }
}

/// The clear text a report's key seals: the name's length first (a name never holds a NUL,
/// intake refuses it, but the layout need not rely on that), the name, the phone.
fn plain_identity(name: &str, phone: &str) -> Vec<u8> {
    let mut plain = Vec::with_capacity(4 + name.len() + phone.len());
    plain.extend_from_slice(&(name.len() as u32).to_le_bytes());
    plain.extend_from_slice(name.as_bytes());
    plain.extend_from_slice(phone.as_bytes());
    plain
}

fn unwrap_key(
    master: &MasterKey,
    external_id: &str,
    wrapped: &[u8],
) -> Result<[u8; KEY_LEN], OpenError> {
    decrypt(
        &master.cipher(),
        wrapped,
        &context(WRAP_CONTEXT, external_id),
    )
    .and_then(|key| key.try_into().ok())
    .ok_or(OpenError::WrongKey)
}

/// Whether report `external_id`'s own key, `wrapped`, opens under `master` (`audit
/// verify`: a wrapped key is outside the row's seal).
pub fn opens(master: &MasterKey, external_id: &str, wrapped: &[u8]) -> bool {
    unwrap_key(master, external_id, wrapped).is_ok()
}

/// The name and phone sealed for report `external_id`.
pub fn open(
    master: &MasterKey,
    external_id: &str,
    identity: &SealedIdentity,
) -> Result<(String, String), OpenError> {
    let key = unwrap_key(master, external_id, &identity.wrapped_key)?;
    let plain = decrypt(
        &Cipher::new(&key),
        &identity.sealed,
        &context(SEAL_CONTEXT, external_id),
    )
    .ok_or(OpenError::Damaged)?;
    let (length, rest) = plain.split_at_checked(4).ok_or(OpenError::Damaged)?;
    let length = u32::from_le_bytes(length.try_into().map_err(|_| OpenError::Damaged)?) as usize;
    let (name, phone) = rest.split_at_checked(length).ok_or(OpenError::Damaged)?;
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|_| OpenError::Damaged);
    Ok((text(name)?, text(phone)?))
}

/// The sealed identity of report `external_id` with `name` and `phone` sealed in place of
/// what it held, under the report's own key (unwrapped with `master`, its wrapped form
/// kept: the wrapped keys are outside the row's seal, and `key rotate` finds it as before),
/// with a fresh nonce (`identity correct`).
pub fn reseal(
    master: &MasterKey,
    random: &mut Random,
    external_id: &str,
    identity: &SealedIdentity,
    name: &str,
    phone: &str,
) -> Result<SealedIdentity, OpenError> {
    let key = unwrap_key(master, external_id, &identity.wrapped_key)?;
    Ok(SealedIdentity {
        wrapped_key: identity.wrapped_key.clone(),
        sealed: encrypt(
            &Cipher::new(&key),
            random,
            &plain_identity(name, phone),
            &context(SEAL_CONTEXT, external_id),
        ),
    })
}

/// The report's key of `external_id`, wrapped by `new` instead of `old` (`key rotate`).
pub fn rewrap(
    old: &MasterKey,
    new: &MasterKey,
    random: &mut Random,
    external_id: &str,
    wrapped: &[u8],
) -> Result<Vec<u8>, OpenError> {
    let key = unwrap_key(old, external_id, wrapped)?;
    Ok(encrypt(
        &new.cipher(),
        random,
        &key,
        &context(WRAP_CONTEXT, external_id),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random() -> Random {
        Random::from_seed([7; 32])
    }

    /// The key file a rotation writes reads as the same key, and says which key it replaces;
    /// a plain key file, or one whose mark was copied onto another line's end, says none.
    #[test]
    fn a_rotations_key_file_is_a_key_file_that_names_the_key_it_replaces() {
        let mut random = random();
        let old = MasterKey::generate(&mut random);
        let new = MasterKey::generate(&mut random);
        let text = new.to_rotation_file_text(&old.id());
        assert_eq!(MasterKey::from_file_text(&text), Some(new.clone()));
        assert_eq!(MasterKey::rotation_replaces(&text), Some(old.id()));
        assert_eq!(MasterKey::rotation_replaces(&new.to_file_text()), None);
        let tail = format!("{} {ROTATION_MARK} {}", KEY_FILE_TAG, old.id());
        assert_eq!(MasterKey::rotation_replaces(&tail), None);
        assert_eq!(
            MasterKey::rotation_replaces(&format!("{ROTATION_MARK}  \n")),
            None
        );
    }

    /// The smallest sealed identity (no name, no phone) is longer than a tombstone, so
    /// stored bytes read as one or the other, never both; two tombstones differ.
    #[test]
    fn a_tombstone_is_never_read_as_a_sealed_identity_nor_the_reverse() {
        let mut random = random();
        let master = MasterKey::generate(&mut random);
        let empty = seal(&master, &mut random, "CMG-1", "", "");
        assert!(
            empty.sealed.len() > Tombstone::LEN,
            "{}",
            empty.sealed.len()
        );
        assert_eq!(Tombstone::read(&empty.sealed), None);
        let tombstone = Tombstone::new(&mut random);
        assert_eq!(Tombstone::read(tombstone.bytes()), Some(tombstone.clone()));
        assert_ne!(Tombstone::new(&mut random), tombstone);
        assert_eq!(Tombstone::read(&tombstone.bytes()[1..]), None);
    }

    #[test]
    fn a_sealed_identity_opens_with_its_key_and_report_only() {
        let mut random = random();
        let master = MasterKey::generate(&mut random);
        let sealed = seal(&master, &mut random, "CMG-1", "Phạm Ngọc Hân", "0398765498");
        assert_eq!(sealed.wrapped_key.len(), WRAPPED_LEN);
        assert_eq!(
            open(&master, "CMG-1", &sealed),
            Ok(("Phạm Ngọc Hân".into(), "0398765498".into()))
        );
        // Another report's: the ciphertext cannot be moved.
        assert_eq!(open(&master, "CMG-2", &sealed), Err(OpenError::WrongKey));
        // Another key.
        let other = MasterKey::generate(&mut random);
        assert_eq!(open(&other, "CMG-1", &sealed), Err(OpenError::WrongKey));
        // A flipped bit.
        let mut damaged = sealed.clone();
        damaged.sealed[NONCE_LEN] ^= 1;
        assert_eq!(open(&master, "CMG-1", &damaged), Err(OpenError::Damaged));
        // Neither part holds the text.
        for part in [&sealed.sealed, &sealed.wrapped_key] {
            assert!(!part.windows(4).any(|w| w == b"0398"));
        }
    }

    #[test]
    fn sealing_twice_gives_different_bytes() {
        let mut random = random();
        let master = MasterKey::generate(&mut random);
        let a = seal(&master, &mut random, "CMG-1", "An", "0912345678");
        let b = seal(&master, &mut random, "CMG-1", "An", "0912345678");
        assert_ne!(a.sealed, b.sealed);
        assert_ne!(a.wrapped_key, b.wrapped_key);
    }

    #[test]
    fn a_rewrapped_key_opens_under_the_new_master_only() {
        let mut random = random();
        let old = MasterKey::generate(&mut random);
        let new = MasterKey::generate(&mut random);
        let mut sealed = seal(&old, &mut random, "X", "", "");
        sealed.wrapped_key = rewrap(&old, &new, &mut random, "X", &sealed.wrapped_key).unwrap();
        assert_eq!(open(&new, "X", &sealed), Ok((String::new(), String::new())));
        assert_eq!(open(&old, "X", &sealed), Err(OpenError::WrongKey));
        assert_ne!(old.id(), new.id());
    }

    #[test]
    fn a_resealed_identity_opens_to_the_new_values_under_the_same_own_key() {
        let mut random = random();
        let master = MasterKey::generate(&mut random);
        let sealed = seal(&master, &mut random, "CMG-1", "Phạm Ngọc Hân", "398765498");
        let fixed = reseal(
            &master,
            &mut random,
            "CMG-1",
            &sealed,
            "Phạm Ngọc Hân",
            "0398765498",
        )
        .unwrap();
        assert_eq!(fixed.wrapped_key, sealed.wrapped_key);
        assert_ne!(fixed.sealed, sealed.sealed);
        assert_eq!(
            open(&master, "CMG-1", &fixed),
            Ok(("Phạm Ngọc Hân".into(), "0398765498".into()))
        );
        assert!(!fixed.sealed.windows(4).any(|w| w == b"0398"));
        // Under another report's id or key it is refused, as opening is.
        let other = MasterKey::generate(&mut random);
        assert_eq!(
            reseal(&other, &mut random, "CMG-1", &sealed, "A", "0912345678"),
            Err(OpenError::WrongKey)
        );
        assert_eq!(
            reseal(&master, &mut random, "CMG-2", &sealed, "A", "0912345678"),
            Err(OpenError::WrongKey)
        );
    }

    #[test]
    fn the_key_file_reads_back_what_was_written_and_nothing_else() {
        let key = MasterKey::generate(&mut random());
        assert_eq!(
            MasterKey::from_file_text(&key.to_file_text()),
            Some(key.clone())
        );
        for bad in [
            "",
            "# only a comment\n",
            "phananh-identity-key-v1 00ff\n",
            &format!("{}{}", key.to_file_text(), key.to_file_text()),
        ] {
            assert_eq!(MasterKey::from_file_text(bad), None, "{bad:?}");
        }
        let text = key.to_file_text();
        let digits = text.lines().last().unwrap().split(' ').nth(1).unwrap();
        assert!(!format!("{key:?}").contains(digits));
    }
}
