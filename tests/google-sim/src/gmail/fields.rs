//! Google's partial-response `fields` parameter: `a,b/c,d(e,f(g)),*`.
//!
//! Fully general: comma-separated selections, `/` paths, nested parentheses at any depth, `*`
//! for "everything at this level". A selection applies to every element of an array (so
//! `messages(id)` keeps the `id` of each message). A field selected without sub-selection is
//! kept whole, so `payload(parts)` keeps the whole `parts` subtree while
//! `payload(parts(partId,parts(partId)))` keeps two levels of `partId`s. Unknown field names
//! select nothing (Google answers 400 for names not in the schema; the simulator does not
//! know the schema).

use serde_json::{Map, Value};

/// A parsed selection: for each selected name, what to keep of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mask {
    /// Keep the whole value.
    All,
    /// Keep only these fields (in the value's own order).
    Fields(Vec<(String, Mask)>),
}

impl Mask {
    /// Adds `path` (with the sub-mask at its end) to a field list, merging with what is there.
    fn add(list: &mut Vec<(String, Mask)>, path: &[String], leaf: Mask) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        let sub = if rest.is_empty() {
            leaf
        } else {
            let mut inner = Vec::new();
            Mask::add(&mut inner, rest, leaf);
            Mask::Fields(inner)
        };
        match list.iter_mut().find(|(n, _)| n == first) {
            Some((_, existing)) => existing.merge(sub),
            None => list.push((first.clone(), sub)),
        }
    }

    fn merge(&mut self, other: Mask) {
        match (self, other) {
            (Mask::All, _) => {}
            (me, Mask::All) => *me = Mask::All,
            (Mask::Fields(mine), Mask::Fields(theirs)) => {
                for (name, sub) in theirs {
                    Mask::add(mine, &[name], sub);
                }
            }
        }
    }
}

/// Parses a `fields` value. The error describes the syntax problem.
pub(crate) fn parse(s: &str) -> Result<Mask, String> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut pos = 0;
    let list = parse_list(&chars, &mut pos)?;
    if pos != chars.len() {
        return Err(format!("unexpected '{}' at position {pos}", chars[pos]));
    }
    Ok(Mask::Fields(list))
}

fn parse_list(chars: &[char], pos: &mut usize) -> Result<Vec<(String, Mask)>, String> {
    let mut list = Vec::new();
    loop {
        let mut path = Vec::new();
        loop {
            let start = *pos;
            while *pos < chars.len() && !matches!(chars[*pos], ',' | '/' | '(' | ')') {
                *pos += 1;
            }
            if *pos == start {
                return Err(format!("empty field name at position {start}"));
            }
            path.push(chars[start..*pos].iter().collect::<String>());
            if chars.get(*pos) == Some(&'/') {
                *pos += 1;
            } else {
                break;
            }
        }
        let leaf = if chars.get(*pos) == Some(&'(') {
            *pos += 1;
            let inner = parse_list(chars, pos)?;
            if chars.get(*pos) != Some(&')') {
                return Err("missing ')'".into());
            }
            *pos += 1;
            Mask::Fields(inner)
        } else {
            Mask::All
        };
        Mask::add(&mut list, &path, leaf);
        match chars.get(*pos) {
            Some(',') => *pos += 1,
            _ => return Ok(list),
        }
    }
}

/// Applies a mask to a JSON value.
pub(crate) fn apply(value: &Value, mask: &Mask) -> Value {
    match (mask, value) {
        (Mask::All, v) => v.clone(),
        (Mask::Fields(_), Value::Array(items)) => {
            Value::Array(items.iter().map(|v| apply(v, mask)).collect())
        }
        (Mask::Fields(fields), Value::Object(obj)) => {
            let star = fields.iter().find(|(n, _)| n == "*").map(|(_, m)| m);
            let mut out = Map::new();
            for (key, v) in obj {
                match fields.iter().find(|(n, _)| n == key) {
                    Some((_, sub)) => {
                        out.insert(key.clone(), apply(v, sub));
                    }
                    None => {
                        if let Some(sub) = star {
                            out.insert(key.clone(), apply(v, sub));
                        }
                    }
                }
            }
            Value::Object(out)
        }
        (Mask::Fields(_), v) => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_paths_and_arrays() {
        let v = json!({
            "id": "1", "threadId": "1", "snippet": "s",
            "payload": {"partId": "", "mimeType": "multipart/mixed", "headers": [{"name": "a", "value": "b"}],
                        "parts": [{"partId": "0", "mimeType": "text/plain", "body": {"size": 1, "data": "eA=="},
                                   "parts": [{"partId": "0.0", "mimeType": "x"}]}]}
        });
        let m = parse("id,payload(partId,parts(partId,body/size,parts(partId)))").unwrap();
        assert_eq!(
            apply(&v, &m),
            json!({"id": "1", "payload": {"partId": "", "parts": [{"partId": "0", "body": {"size": 1}, "parts": [{"partId": "0.0"}]}]}})
        );
        let m = parse("payload/parts,id").unwrap();
        assert_eq!(apply(&v, &m)["payload"]["parts"], v["payload"]["parts"]);
        let m = parse("*").unwrap();
        assert_eq!(apply(&v, &m), v);
        let m = parse("payload/headers(name),payload/mimeType").unwrap();
        assert_eq!(
            apply(&v, &m),
            json!({"payload": {"mimeType": "multipart/mixed", "headers": [{"name": "a"}]}})
        );
    }

    #[test]
    fn syntax_errors() {
        assert!(parse("a(b").is_err());
        assert!(parse("a,,b").is_err());
        assert!(parse("a)").is_err());
        assert!(parse("").is_err());
    }
}
