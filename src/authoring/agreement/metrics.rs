//! The measures of agreement, textbook formulas over plain values.
//!
//! * precision, recall, F1 of B's units against A's;
//! * Cohen's κ (Cohen 1960, "A coefficient of agreement for nominal scales"): κ = (p_o − p_e) /
//!   (1 − p_e), p_o the share of units both coders label alike, p_e = Σ_k p_A(k)·p_B(k) the
//!   agreement expected from each coder's own label frequencies; undefined (`None`) when
//!   p_e = 1, as scikit-learn's `cohen_kappa_score` (which then gives NaN);
//! * Krippendorff's α (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", two
//!   coders, every unit coded by both): α = 1 − D_o / D_e, with D_o = (1/n) Σ_u δ(a_u, b_u) and
//!   D_e = 1/(N(N−1)) Σ_{i≠j} δ(v_i, v_j) over the N = 2n values pooled; δ is 0/1 for nominal
//!   values and, for sets, the Jaccard distance 1 − |A∩B|/|A∪B| (δ(∅, ∅) = 0), as Passonneau
//!   (2006, "Measuring agreement on set-valued items") and NLTK's `AnnotationTask` use it.
//!   Undefined when D_e = 0 (every value the same). No crate of Krippendorff's α is kept well
//!   enough to depend on, so the formula is here, tested on hand-computed cases.

use std::collections::{BTreeMap, BTreeSet};

/// Precision, recall and F1 of `matched` units among `b` (found) and `a` (expected); `None`
/// where a denominator is zero.
pub fn prf(matched: usize, a: usize, b: usize) -> (Option<f64>, Option<f64>, Option<f64>) {
    let ratio = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
    let precision = ratio(matched, b);
    let recall = ratio(matched, a);
    let f1 = (a + b > 0).then(|| 2.0 * matched as f64 / (a + b) as f64);
    (precision, recall, f1)
}

/// The share of pairs whose two values are equal.
pub fn observed<T: PartialEq>(pairs: &[(T, T)]) -> Option<f64> {
    let agree = pairs.iter().filter(|(a, b)| a == b).count();
    (!pairs.is_empty()).then(|| agree as f64 / pairs.len() as f64)
}

/// Cohen's κ of two coders' nominal labels, one pair a unit.
pub fn cohen_kappa<T: Ord>(pairs: &[(T, T)]) -> Option<f64> {
    let n = pairs.len() as f64;
    let p_o = observed(pairs)?;
    let mut a: BTreeMap<&T, f64> = BTreeMap::new();
    let mut b: BTreeMap<&T, f64> = BTreeMap::new();
    for (x, y) in pairs {
        *a.entry(x).or_default() += 1.0;
        *b.entry(y).or_default() += 1.0;
    }
    let p_e: f64 = a
        .iter()
        .map(|(k, count)| count / n * b.get(k).copied().unwrap_or(0.0) / n)
        .sum();
    ((1.0 - p_e).abs() > 1e-12).then(|| (p_o - p_e) / (1.0 - p_e))
}

/// Krippendorff's α of two coders who coded every unit, with distance `delta`.
pub fn krippendorff_alpha<T>(pairs: &[(T, T)], delta: impl Fn(&T, &T) -> f64) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let d_o = pairs.iter().map(|(a, b)| delta(a, b)).sum::<f64>() / n;
    let values: Vec<&T> = pairs.iter().flat_map(|(a, b)| [a, b]).collect();
    let total = values.len() as f64;
    let mut sum = 0.0;
    for (i, x) in values.iter().enumerate() {
        for (j, y) in values.iter().enumerate() {
            if i != j {
                sum += delta(x, y);
            }
        }
    }
    let d_e = sum / (total * (total - 1.0));
    (d_e > 1e-12).then(|| 1.0 - d_o / d_e)
}

/// The nominal distance: 0 when equal, else 1.
pub fn nominal<T: PartialEq>(a: &T, b: &T) -> f64 {
    if a == b {
        0.0
    } else {
        1.0
    }
}

/// The Jaccard distance of two sets; 0 for two empty sets.
pub fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    1.0 - a.intersection(b).count() as f64 / union as f64
}

/// Set-valued labels as binary decisions, for Cohen's κ: for each unit and each label either
/// coder used anywhere, whether A and whether B gave it.
pub fn set_decisions<T: Ord>(pairs: &[(BTreeSet<T>, BTreeSet<T>)]) -> Vec<(bool, bool)> {
    let labels: BTreeSet<&T> = pairs.iter().flat_map(|(a, b)| a.iter().chain(b)).collect();
    pairs
        .iter()
        .flat_map(|(a, b)| labels.iter().map(move |l| (a.contains(*l), b.contains(*l))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_and_alpha_by_hand() {
        // 4 units: (x,x) (x,y) (y,y) (y,y). p_o = 3/4. A: x 2, y 2; B: x 1, y 3.
        // p_e = (2/4)(1/4) + (2/4)(3/4) = 1/8 + 3/8 = 1/2. κ = (3/4 − 1/2)/(1/2) = 1/2.
        let pairs = [("x", "x"), ("x", "y"), ("y", "y"), ("y", "y")];
        assert!((cohen_kappa(&pairs).unwrap() - 0.5).abs() < 1e-12);
        // α: D_o = 1/4. Values pooled: x 3, y 5, N = 8; ordered pairs that differ: 2·3·5 = 30
        // of 8·7 = 56, D_e = 30/56. α = 1 − (1/4)/(30/56) = 1 − 56/120 = 8/15.
        let alpha = krippendorff_alpha(&pairs, nominal).unwrap();
        assert!((alpha - 8.0 / 15.0).abs() < 1e-12);
        assert_eq!(cohen_kappa(&[("x", "x"), ("x", "x")]), None);
    }

    #[test]
    fn sets_by_hand() {
        let set = |s: &[&'static str]| s.iter().copied().collect::<BTreeSet<_>>();
        // Units: ({a},{a}) ({a,b},{a}) (∅,{b}). D_o = (0 + 1/2 + 1)/3 = 1/2.
        // Values: {a} {a} {a,b} {a} ∅ {b}. Distances over unordered pairs of the 6 values:
        // {a}×3 vs {a,b}: 3·½; {a}×3 vs ∅: 3·1; {a}×3 vs {b}: 3·1; {a,b}–∅: 1; {a,b}–{b}: ½;
        // ∅–{b}: 1; {a}–{a}: 0. Sum = 1.5 + 3 + 3 + 1 + 0.5 + 1 = 10; ordered: 20 of 30,
        // D_e = 2/3. α = 1 − (1/2)/(2/3) = 1/4.
        let pairs = [
            (set(&["a"]), set(&["a"])),
            (set(&["a", "b"]), set(&["a"])),
            (set(&[]), set(&["b"])),
        ];
        let alpha = krippendorff_alpha(&pairs, jaccard).unwrap();
        assert!((alpha - 0.25).abs() < 1e-12);
        // Decisions over labels a, b: (T,T) (F,F) (T,T) (T,F) (F,F) (F,T): p_o = 4/6,
        // A yes 3/6, B yes 3/6: p_e = ½·½ + ½·½ = ½, κ = (⅔ − ½)/(½) = ⅓.
        let kappa = cohen_kappa(&set_decisions(&pairs)).unwrap();
        assert!((kappa - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(prf(2, 4, 3), (Some(2.0 / 3.0), Some(0.5), Some(4.0 / 7.0)));
    }
}
