//! The FNV-1a hasher shared by the word sets (`words`) and the word memo (`fast`).
//!
//! Owns how a word or a short word's integer key is hashed, and nothing else: it must not
//! know what a word is, nor touch the heuristic's rules or verdicts. It sits below both of
//! its users so that neither has to reach into the other for it.

/// FNV-1a: the words are short and ours, so SipHash's protection buys nothing here.
#[derive(Default, Clone, Copy)]
pub(super) struct Fnv;

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

pub(super) struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// A short word's key: its two halves mixed by multiplication, not byte by byte.
    fn write_u128(&mut self, key: u128) {
        let (low, high) = (key as u64, (key >> 64) as u64);
        let mixed = (self.0 ^ low).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ high;
        self.0 = mixed.wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
