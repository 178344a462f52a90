//! XChaCha20-Poly1305 and the ChaCha20 generator that `phananh::domain::vault` seals
//! identities with, behind functions that name no generic type.
//!
//! Why a crate of its own: the cipher crates are generic, and Rust compiles generic code in
//! the crate that names the concrete type. Named in `phananh` itself, the cipher's rounds
//! were compiled at the debug build's `opt-level` 0 whatever `[profile.dev.package.chacha20]`
//! said, and a debug `list` spent most of its time in them (docs/testing.md, "Issue 15
//! point 8, third round"). Named here, they are compiled at the `opt-level` the root
//! `Cargo.toml` gives this crate; release builds are the same either way.
//!
//! Nothing here chooses a layout, a context or a key: that is the vault's.

#![forbid(unsafe_code)]

use chacha20::ChaCha20Rng;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::{Rng, SeedableRng};

/// Bytes of a key.
pub const KEY_LEN: usize = 32;
/// Bytes of an XChaCha20 nonce.
pub const NONCE_LEN: usize = 24;

/// XChaCha20-Poly1305 under one key.
pub struct Cipher(XChaCha20Poly1305);

impl Cipher {
    pub fn new(key: &[u8; KEY_LEN]) -> Cipher {
        Cipher(XChaCha20Poly1305::new(&(*key).into()))
    }

    /// `ciphertext ‖ tag` of `plain`, bound to `aad`.
    pub fn encrypt(&self, nonce: &[u8; NONCE_LEN], plain: &[u8], aad: &[u8]) -> Vec<u8> {
        self.0
            .encrypt(&XNonce::from(*nonce), Payload { msg: plain, aad })
            .expect("XChaCha20-Poly1305 seals any message shorter than 256 GiB")
    }

    /// The plain text of `ciphertext ‖ tag`, or None when the key, the nonce or `aad` is
    /// not the one it was sealed with, or the bytes were changed.
    pub fn decrypt(&self, nonce: &[u8; NONCE_LEN], sealed: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
        self.0
            .decrypt(&XNonce::from(*nonce), Payload { msg: sealed, aad })
            .ok()
    }
}

/// ChaCha20 as a generator of random bytes.
pub struct Generator(ChaCha20Rng);

impl Generator {
    pub fn from_seed(seed: [u8; KEY_LEN]) -> Generator {
        Generator(ChaCha20Rng::from_seed(seed))
    }

    pub fn fill(&mut self, out: &mut [u8]) {
        self.0.fill_bytes(out);
    }
}
