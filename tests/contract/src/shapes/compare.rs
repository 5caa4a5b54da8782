//! What a re-encoding lost or added, by JSON pointer.
//!
//! `null`, `[]` and `{}` carry no data: a type may leave them out. Numbers compare by value
//! (`5` and `5.0`), timestamps by instant (`…00.000Z` and `…00Z`).

use serde_json::Value;

/// Data-bearing values of `input` that `output` lacks or holds differently.
pub(super) fn lost(input: &Value, output: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(input, Some(output), "", &mut out, "lost");
    out
}

/// Data-bearing values of `output` that `input` does not have.
pub(super) fn added(input: &Value, output: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(output, Some(input), "", &mut out, "added");
    // `walk` also reports changed scalars, which `lost` already does.
    out.retain(|line| line.starts_with("added"));
    out
}

fn carries_data(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        _ => true,
    }
}

fn walk(a: &Value, b: Option<&Value>, at: &str, out: &mut Vec<String>, missing: &str) {
    if !carries_data(a) {
        return;
    }
    let Some(b) = b.filter(|b| carries_data(b)) else {
        out.push(format!("{missing} {}: {}", pointer(at), clip(a)));
        return;
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                walk(value, y.get(key), &format!("{at}/{escaped}"), out, missing);
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, value) in x.iter().enumerate() {
                walk(value, y.get(i), &format!("{at}/{i}"), out, missing);
            }
        }
        _ if same_scalar(a, b) => {}
        _ => out.push(format!(
            "changed {}: {} became {}",
            pointer(at),
            clip(a),
            clip(b)
        )),
    }
}

fn same_scalar(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || (x - y).abs() <= f64::EPSILON * x.abs().max(y.abs()),
            _ => x == y,
        },
        (Value::String(x), Value::String(y)) => {
            x == y
                || matches!(
                    (
                        chrono::DateTime::parse_from_rfc3339(x),
                        chrono::DateTime::parse_from_rfc3339(y)
                    ),
                    (Ok(p), Ok(q)) if p == q
                )
        }
        _ => a == b,
    }
}

fn pointer(at: &str) -> &str {
    if at.is_empty() { "/" } else { at }
}

fn clip(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_dropped_field_is_lost_and_an_invented_one_added() {
        let input = json!({"id": "1", "image": {"link": "x"}, "empty": [], "none": null});
        let output = json!({"id": "1", "preview_url": false});
        assert_eq!(lost(&input, &output), ["lost /image: {\"link\":\"x\"}"]);
        assert_eq!(added(&input, &output), ["added /preview_url: false"]);
    }

    #[test]
    fn numbers_and_instants_compare_by_value() {
        assert!(
            lost(
                &json!({"n": 5, "t": "2026-01-01T00:00:00.000Z"}),
                &json!({"n": 5.0, "t": "2026-01-01T00:00:00Z"})
            )
            .is_empty()
        );
        assert_eq!(
            lost(&json!({"n": "5"}), &json!({"n": 5})),
            ["changed /n: \"5\" became 5"]
        );
        assert_eq!(lost(&json!([1, 2]), &json!([1])), ["lost /1: 2"]);
    }
}
