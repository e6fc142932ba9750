//! Query results one record per block, a `name | value` line per variable (psql's expanded
//! mode), for results too wide for the terminal: squeezed into its width, a table gives each
//! column a few characters and a row dozens of lines.

use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// The narrowest a column may be squeezed to before the results are laid out as records.
pub const MIN_COLUMN: usize = 16;

/// Whether a table of `header` and `rows` squeezed into `width` terminal columns would make a
/// column narrower than [`MIN_COLUMN`]: the columns narrower than that keep their width, the
/// others share what is left (the borders take 3 characters a column, and one).
pub fn too_narrow(header: &[String], rows: &[Vec<String>], width: usize) -> bool {
    let natural: Vec<usize> = (0..header.len())
        .map(|c| {
            std::iter::once(&header[c])
                .chain(rows.iter().filter_map(|r| r.get(c)))
                .flat_map(|cell| cell.lines())
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(0)
        })
        .collect();
    let room = width.saturating_sub(3 * header.len() + 1);
    if natural.iter().sum::<usize>() <= room {
        return false;
    }
    let narrow: usize = natural.iter().filter(|&&w| w <= MIN_COLUMN).sum();
    let wide = natural.iter().filter(|&&w| w > MIN_COLUMN).count();
    wide > 0 && room.saturating_sub(narrow) / wide < MIN_COLUMN
}

/// Writes each row as a block: `-[ RECORD n ]---`, then `name | value` for every variable,
/// values wrapped at word boundaries to fit `width` (when known; never narrower than
/// [`MIN_COLUMN`]).
///
/// ```
/// let header = vec!["claim".to_owned(), "quote".to_owned()];
/// let rows = vec![vec!["wld:a".to_owned(), "one two three four five".to_owned()]];
/// let mut out = Vec::new();
/// wangluo::report::expanded::write_records(&mut out, &header, &rows, Some(20)).unwrap();
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "-[ RECORD 1 ]-------\nclaim | wld:a\nquote | one two three\n      | four five\n"
/// );
/// ```
///
/// # Errors
/// When `out` cannot be written.
pub fn write_records(
    out: &mut impl Write,
    header: &[String],
    rows: &[Vec<String>],
    width: Option<usize>,
) -> std::io::Result<()> {
    let key_width = header.iter().map(|h| h.width()).max().unwrap_or(0);
    let value_width = width.map(|w| w.saturating_sub(key_width + 3).max(MIN_COLUMN));
    for (n, row) in rows.iter().enumerate() {
        let title = format!("-[ RECORD {} ]", n + 1);
        let rule = width.unwrap_or(key_width + 3 + MIN_COLUMN);
        writeln!(
            out,
            "{title}{}",
            "-".repeat(rule.saturating_sub(title.width()))
        )?;
        for (name, value) in header.iter().zip(row) {
            let lines = wrapped(value, value_width);
            let padding = key_width - name.width();
            for (i, line) in lines.iter().enumerate() {
                let key = if i == 0 { name.as_str() } else { "" };
                let pad = if i == 0 { padding } else { key_width };
                let gap = if line.is_empty() { "" } else { " " };
                writeln!(out, "{key}{} |{gap}{line}", " ".repeat(pad))?;
            }
        }
    }
    Ok(())
}

/// `value`'s lines, each cut at word boundaries to at most `width` columns (a longer word is cut
/// where it must); always at least one line.
fn wrapped(value: &str, width: Option<usize>) -> Vec<String> {
    let mut lines = Vec::new();
    for text in value.split('\n') {
        let Some(width) = width else {
            lines.push(text.to_owned());
            continue;
        };
        let mut line = String::new();
        for word in text.split(' ') {
            let joined = if line.is_empty() {
                word.width()
            } else {
                line.width() + 1 + word.width()
            };
            if joined <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                if line.width() + c.to_string().width() > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{too_narrow, wrapped, write_records};

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn seven_wide_columns_in_100_are_too_narrow_and_two_are_not() {
        let header = strings(&["a", "b", "c", "d", "e", "f", "g"]);
        let long = "word ".repeat(20);
        let rows = vec![vec![long.clone(); 7]];
        assert!(too_narrow(&header, &rows, 100));
        assert!(!too_narrow(&header[..2], &[vec![long.clone(); 2]], 100));
        // Narrow columns keep their width: one wide column among six short ones fits.
        let mut one_wide = vec!["x".to_owned(); 7];
        one_wide[3] = long;
        assert!(!too_narrow(&header, &[one_wide], 100));
        // What fits is never expanded.
        assert!(!too_narrow(&header, &[strings(&["1"; 7])], 30));
    }

    #[test]
    fn values_wrap_at_words_and_long_words_are_cut() {
        assert_eq!(wrapped("one two three", Some(7)), ["one two", "three"]);
        assert_eq!(wrapped("abcdefghij", Some(4)), ["abcd", "efgh", "ij"]);
        assert_eq!(
            wrapped("网络强国", Some(4)),
            ["网络", "强国"],
            "wide characters count two"
        );
        assert_eq!(wrapped("a\nb", None), ["a", "b"]);
        assert_eq!(wrapped("", Some(5)), [""]);
    }

    #[test]
    fn every_row_is_a_block_with_its_names_aligned() {
        let header = strings(&["claim", "n"]);
        let rows = vec![strings(&["wld:a", "1"]), strings(&["wld:b", ""])];
        let mut out = Vec::new();
        write_records(&mut out, &header, &rows, None).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[0].starts_with("-[ RECORD 1 ]") && lines[3].starts_with("-[ RECORD 2 ]"));
        assert_eq!(lines[1..3], ["claim | wld:a", "n     | 1"]);
        assert_eq!(lines[5], "n     |");
    }
}
