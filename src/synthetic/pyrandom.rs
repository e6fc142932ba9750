//! CPython's `random.Random`, the part the corpus generator uses: the same seed gives the same
//! draws as Python (3.2 and later), so `benches/gen-corpus.py` and [`super::generate`] write the
//! same bytes. MT19937 seeded by `init_by_array` from the seed's 32-bit words, as CPython's
//! `random_seed` does for an `int`; `randbelow` as `_randbelow_with_getrandbits`; `sample` as
//! `Random.sample` (pool or set, by the same threshold).

const N: usize = 624;
const M: usize = 397;

/// A Mersenne Twister that draws as CPython's `random.Random(seed)`.
pub struct PyRandom {
    state: [u32; N],
    index: usize,
}

impl PyRandom {
    /// `random.Random(seed)` for a non-negative integer seed.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        // CPython splits abs(seed) into 32-bit words, least significant first; 0 is one word.
        let mut key = vec![(seed & 0xffff_ffff) as u32];
        if seed >> 32 != 0 {
            key.push((seed >> 32) as u32);
        }
        let mut random = Self::init_genrand(19_650_218);
        random.init_by_array(&key);
        random
    }

    fn init_genrand(seed: u32) -> Self {
        let mut state = [0u32; N];
        state[0] = seed;
        for i in 1..N {
            let previous = state[i - 1];
            state[i] = 1_812_433_253u32
                .wrapping_mul(previous ^ (previous >> 30))
                .wrapping_add(i as u32);
        }
        Self { state, index: N }
    }

    fn init_by_array(&mut self, key: &[u32]) {
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let previous = mt[i - 1];
            mt[i] = (mt[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = mt[i - 1];
            mt[i] = (mt[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        self.index = N;
    }

    fn twist(&mut self) {
        let mt = &mut self.state;
        for k in 0..N {
            let y = (mt[k] & 0x8000_0000) | (mt[(k + 1) % N] & 0x7fff_ffff);
            let mut next = mt[(k + M) % N] ^ (y >> 1);
            if y & 1 != 0 {
                next ^= 0x9908_b0df;
            }
            mt[k] = next;
        }
        self.index = 0;
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `getrandbits(k)` for `k` ≤ 32.
    fn bits(&mut self, k: u32) -> u32 {
        if k == 0 {
            return 0;
        }
        self.next_u32() >> (32 - k)
    }

    /// `_randbelow(n)`: uniform in `0..n`, by rejection of `n.bit_length()` bits.
    ///
    /// # Panics
    /// When `n` is 0 or does not fit in 32 bits (never, for the generator's small ranges).
    pub fn below(&mut self, n: usize) -> usize {
        let n = u32::try_from(n).expect("a range below 2^32");
        assert!(n > 0, "an empty range");
        let k = u32::BITS - n.leading_zeros();
        loop {
            let r = self.bits(k);
            if r < n {
                return r as usize;
            }
        }
    }

    /// `randint(low, high)`, both ends included.
    pub fn int(&mut self, low: i64, high: i64) -> i64 {
        let width = usize::try_from(high - low + 1).expect("high ≥ low");
        low + self.below(width) as i64
    }

    /// `choice(items)`.
    pub fn choice<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `sample(items, k)`: `k` distinct items in the order drawn.
    pub fn sample<'a, T>(&mut self, items: &'a [T], k: usize) -> Vec<&'a T> {
        let n = items.len();
        assert!(k <= n, "a sample larger than its population");
        // CPython keeps a pool when the population is small next to the set it would need.
        let mut set_size = 21usize;
        if k > 5 {
            let mut power = 1usize;
            while power < k * 3 {
                power *= 4;
            }
            set_size += power;
        }
        if n <= set_size {
            let mut pool: Vec<usize> = (0..n).collect();
            (0..k)
                .map(|i| {
                    let j = self.below(n - i);
                    let picked = pool[j];
                    pool[j] = pool[n - i - 1];
                    &items[picked]
                })
                .collect()
        } else {
            let mut selected = std::collections::HashSet::new();
            (0..k)
                .map(|_| {
                    let mut j = self.below(n);
                    while !selected.insert(j) {
                        j = self.below(n);
                    }
                    &items[j]
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PyRandom;

    // Test vectors from CPython 3.11: `r = random.Random(SEED); [r.getrandbits(32) for _ in …]`
    // (a seed of one 32-bit word and one of two).
    #[test]
    fn the_first_words_are_cpythons() {
        for (seed, known) in [
            (12, &[2_038_265_566, 1_155_324_522, 2_823_822_892][..]),
            ((1 << 40) + 5, &[2_166_296_868, 2_220_160_828][..]),
        ] {
            let mut random = PyRandom::new(seed);
            let words: Vec<u32> = known.iter().map(|_| random.next_u32()).collect();
            assert_eq!(words, known, "seed {seed}");
        }
    }

    #[test]
    fn a_sample_has_distinct_items_of_its_population() {
        let items: Vec<usize> = (0..100).collect();
        let mut random = PyRandom::new(3);
        for k in [0, 1, 2, 6, 40] {
            let mut drawn: Vec<usize> = random.sample(&items, k).into_iter().copied().collect();
            assert_eq!(drawn.len(), k);
            drawn.sort_unstable();
            drawn.dedup();
            assert_eq!(drawn.len(), k, "distinct");
        }
    }

    #[test]
    fn below_stays_in_its_range() {
        let mut random = PyRandom::new(0);
        for n in [1, 2, 3, 7, 21, 1000] {
            assert!((0..200).all(|_| random.below(n) < n));
        }
    }
}
