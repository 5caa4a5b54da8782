//! A string matching a regular expression from a spec's `pattern`, for the common subset the
//! specs use: anchors, literals, escapes (`\d \w \s \.`), classes with ranges, groups,
//! alternation (first branch) and quantifiers (each atom repeated its minimum number of times).
//! The result is checked with `regress`; `None` when the subset is not enough.

/// A string `pattern` matches.
pub(super) fn sample(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut pos = 0;
    let out = alternation(&chars, &mut pos)?;
    let regex = regress::Regex::new(pattern).ok()?;
    regex.find(&out).is_some().then_some(out)
}

fn alternation(chars: &[char], pos: &mut usize) -> Option<String> {
    let first = sequence(chars, pos)?;
    // Later branches are parsed only to move past them.
    while chars.get(*pos) == Some(&'|') {
        *pos += 1;
        sequence(chars, pos)?;
    }
    Some(first)
}

fn sequence(chars: &[char], pos: &mut usize) -> Option<String> {
    let mut out = String::new();
    while let Some(&c) = chars.get(*pos) {
        if c == '|' || c == ')' {
            break;
        }
        let atom: String = match c {
            '^' | '$' => {
                *pos += 1;
                continue;
            }
            '(' => {
                *pos += 1;
                if chars.get(*pos) == Some(&'?') {
                    // `(?:`: a non-capturing group; lookarounds are beyond this subset.
                    if chars.get(*pos + 1) != Some(&':') {
                        return None;
                    }
                    *pos += 2;
                }
                let inner = alternation(chars, pos)?;
                if chars.get(*pos) != Some(&')') {
                    return None;
                }
                *pos += 1;
                inner
            }
            '[' => class(chars, pos)?.to_string(),
            '\\' => {
                *pos += 1;
                let e = *chars.get(*pos)?;
                *pos += 1;
                escape(e)?.to_string()
            }
            '.' => {
                *pos += 1;
                "a".to_owned()
            }
            _ => {
                *pos += 1;
                c.to_string()
            }
        };
        let (min, _) = quantifier(chars, pos)?;
        for _ in 0..min {
            out.push_str(&atom);
        }
    }
    Some(out)
}

/// `{m}`, `{m,}`, `{m,n}`, `?`, `*`, `+` (and a lazy `?` after them): the repetition bounds.
fn quantifier(chars: &[char], pos: &mut usize) -> Option<(usize, Option<usize>)> {
    let bounds = match chars.get(*pos) {
        Some('?') => (0, Some(1)),
        Some('*') => (0, None),
        Some('+') => (1, None),
        Some('{') => {
            let end = chars[*pos..].iter().position(|c| *c == '}')? + *pos;
            let body: String = chars[*pos + 1..end].iter().collect();
            let (min, max) = match body.split_once(',') {
                Some((min, max)) => (min.trim().parse().ok()?, max.trim().parse().ok()),
                None => {
                    let n = body.trim().parse().ok()?;
                    (n, Some(n))
                }
            };
            *pos = end;
            (min, max)
        }
        _ => return Some((1, Some(1))),
    };
    *pos += 1;
    if chars.get(*pos) == Some(&'?') {
        *pos += 1;
    }
    Some(bounds)
}

/// The first character a `[...]` class admits.
fn class(chars: &[char], pos: &mut usize) -> Option<char> {
    *pos += 1;
    if chars.get(*pos) == Some(&'^') {
        // A negated class: pick a letter it does not name.
        let end = chars[*pos..].iter().position(|c| *c == ']')? + *pos;
        let excluded: String = chars[*pos + 1..end].iter().collect();
        *pos = end + 1;
        return ['a', 'x', '1', '_']
            .into_iter()
            .find(|c| !excluded.contains(*c));
    }
    let mut first = None;
    while let Some(&c) = chars.get(*pos) {
        *pos += 1;
        match c {
            ']' => return first,
            '\\' => {
                let e = *chars.get(*pos)?;
                *pos += 1;
                first = first.or(escape(e));
            }
            _ => first = first.or(Some(c)),
        }
    }
    None
}

fn escape(e: char) -> Option<char> {
    match e {
        'd' => Some('1'),
        'w' => Some('a'),
        's' => Some(' '),
        'D' | 'W' | 'S' => Some('-'),
        'b' | 'B' => None,
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_match_the_specs_patterns() {
        for pattern in [
            r"^[\d-]{9,31}(@[\w\.]{1,})?$",
            r"^[A-Za-z0-9._]{4,30}-[A-Za-z0-9._]{4,14}(-[A-Za-z0-9._]{4,10})?(-[A-Za-z0-9._]{2,10})?$",
            r"^[A-Za-z0-9]{24}$",
            r"^[a-zA-Z0-9]+-[0-9a-fA-F-]+$",
            r"^\d{6}$",
            r"^([\d]{7,15})?$",
            r"^[\d-]{10,31}@[\w\.]{1,}$",
            r"^(?:abc|de)f?$",
        ] {
            let sample = sample(pattern).unwrap_or_else(|| panic!("no sample for {pattern}"));
            let regex = regress::Regex::new(pattern).expect("valid");
            assert!(regex.find(&sample).is_some(), "{pattern}: {sample}");
        }
    }

    #[test]
    fn lookarounds_are_beyond_the_subset() {
        assert_eq!(sample("^(?=a)a$"), None);
    }
}
