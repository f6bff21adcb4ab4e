//! Streamed downloads: base64url inside a JSON answer → temp file → SHA-256, in constant memory.

use std::io::{Read, Write};
use std::path::Path;

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use struson::reader::{JsonReader, JsonStreamReader};
use tempfile::NamedTempFile;

use super::GmailError;
use super::client::transport;

/// Temporary files in the output folder start with this (and are never final names: those
/// never start with a dot).
pub const TEMP_PREFIX: &str = ".paypulse-tmp-";

/// Base64url as Gmail writes it, with or without padding.
const B64URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

pub fn decode_base64url(data: &str) -> Result<Vec<u8>, GmailError> {
    B64URL
        .decode(data.trim_end())
        .map_err(|e| GmailError::Decode(e.to_string()))
}

/// A downloaded file, still under its temporary name, with its size and SHA-256. Not synced
/// file by file (an fsync each costs more than a small download): the run syncs the folder and
/// the manifest once at its end, and every re-run checks each listed file's size (a file cut by
/// a power loss is fetched again).
pub struct Downloaded {
    pub file: NamedTempFile,
    pub size: u64,
    pub sha256: String,
}

pub fn write_temp(dir: &Path, bytes: &[u8]) -> Result<Downloaded, GmailError> {
    let io = |source| GmailError::Io {
        what: format!("cannot write in {}", dir.display()),
        error: source,
    };
    let mut file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    Ok(Downloaded {
        file,
        size: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

/// The other top-level string members of a streamed answer that were asked for (`id`,
/// `threadId`, `internalDate`...), by name.
pub type Members = Vec<(String, String)>;

/// The longest member kept beside the streamed field (ids and dates are short).
const MAX_MEMBER_BYTES: usize = 4096;

/// Reads the JSON object in `resp`, streams the base64url string under `field` through a
/// decoder into a temporary file in `dir`, and hashes it: memory stays flat however large.
/// The string members named in `keep` are returned beside it; everything else is skipped.
pub(crate) async fn stream_field_to_file(
    resp: reqwest::Response,
    field: &'static str,
    keep: &'static [&'static str],
    dir: &Path,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<(Downloaded, Members), GmailError> {
    let io = |source| GmailError::Io {
        what: format!("cannot write in {}", dir.display()),
        error: source,
    };
    let file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(io)?;
    let body = resp
        .bytes_stream()
        .map_err(|e| std::io::Error::other(transport(e).to_string()));
    let reader = tokio_util::io::StreamReader::new(body);
    let bridge = tokio_util::io::SyncIoBridge::new(reader);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u64>();
    let task = tokio::task::spawn_blocking(move || decode_into(bridge, field, keep, file, tx));
    let mut task = std::pin::pin!(task);
    let result = loop {
        tokio::select! {
            Some(n) = rx.recv() => progress(n),
            r = &mut task => break r,
        }
    };
    while let Ok(n) = rx.try_recv() {
        progress(n);
    }
    result.map_err(|e| GmailError::Io {
        what: "download task".into(),
        error: std::io::Error::other(e),
    })?
}

fn decode_into(
    input: impl Read,
    field: &str,
    keep: &[&str],
    mut file: NamedTempFile,
    progress: tokio::sync::mpsc::UnboundedSender<u64>,
) -> Result<(Downloaded, Members), GmailError> {
    use struson::reader::{JsonSyntaxError, ReaderError, SyntaxErrorKind};
    let cut = |e: ReaderError| match e {
        ReaderError::IoError { error, .. } => {
            GmailError::Transport(format!("the answer was cut off ({error})"))
        }
        ReaderError::SyntaxError(JsonSyntaxError {
            kind: SyntaxErrorKind::IncompleteDocument,
            ..
        }) => GmailError::Transport("the answer was cut off".into()),
        other => GmailError::Decode(other.to_string()),
    };
    let mut json = JsonStreamReader::new(input);
    json.begin_object().map_err(cut)?;
    let mut written: Option<(u64, String)> = None;
    let mut members = Members::new();
    while json.has_next().map_err(cut)? {
        let name = json.next_name_owned().map_err(cut)?;
        if name != field {
            let wanted = keep.contains(&name.as_str())
                && json.peek().map_err(cut)? == struson::reader::ValueType::String;
            if wanted {
                let value = json.next_string().map_err(cut)?;
                if value.len() > MAX_MEMBER_BYTES {
                    return Err(GmailError::Decode(format!("`{name}` is too long")));
                }
                members.push((name, value));
            } else {
                json.skip_value().map_err(cut)?;
            }
            continue;
        }
        let text = json.next_string_reader().map_err(cut)?;
        let mut decoder = base64::read::DecoderReader::new(text, &B64URL);
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n = match decoder.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData && !ended_early(&e) => {
                    return Err(GmailError::Decode(e.to_string()));
                }
                Err(e) => {
                    return Err(GmailError::Transport(format!(
                        "the answer was cut off ({e})"
                    )));
                }
            };
            hasher.update(&buf[..n]);
            file.write_all(&buf[..n]).map_err(|source| GmailError::Io {
                what: "cannot write a temporary file".into(),
                error: source,
            })?;
            size += n as u64;
            let _ = progress.send(n as u64);
        }
        written = Some((size, hex::encode(hasher.finalize())));
    }
    json.end_object().map_err(cut)?;
    json.consume_trailing_whitespace().map_err(cut)?;
    let (size, sha256) =
        written.ok_or_else(|| GmailError::Decode(format!("the answer has no `{field}`")))?;
    Ok((Downloaded { file, size, sha256 }, members))
}

/// A string cut off by the end of the answer (rather than an invalid one).
fn ended_early(e: &std::io::Error) -> bool {
    use struson::reader::{JsonSyntaxError, SyntaxErrorKind};
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<JsonSyntaxError>())
        .is_some_and(|s| s.kind == SyntaxErrorKind::IncompleteDocument)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(json: &str) -> Result<(Vec<u8>, Downloaded), GmailError> {
        let dir = tempfile::tempdir().unwrap();
        let file = tempfile::Builder::new().tempfile_in(dir.path()).unwrap();
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let (d, _) = decode_into(json.as_bytes(), "data", &[], file, tx)?;
        let bytes = std::fs::read(d.file.path()).unwrap();
        Ok((bytes, d))
    }

    #[test]
    fn streams_base64url_with_or_without_padding() {
        let payload: Vec<u8> = (0..=255u8).cycle().take(70_001).collect();
        for engine in [
            base64::engine::general_purpose::URL_SAFE,
            base64::engine::general_purpose::URL_SAFE_NO_PAD,
        ] {
            let json = format!(
                r#"{{"attachmentId":"ANGjdJ8","size":{},"data":"{}"}}"#,
                payload.len(),
                engine.encode(&payload)
            );
            let (bytes, d) = decode(&json).unwrap();
            assert_eq!(bytes, payload);
            assert_eq!(d.size, payload.len() as u64);
            assert_eq!(d.sha256, hex::encode(Sha256::digest(&payload)));
        }
    }

    #[test]
    fn members_asked_for_are_kept_wherever_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let file = tempfile::Builder::new().tempfile_in(dir.path()).unwrap();
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        let json = r#"{"id":"m1","threadId":"t1","labelIds":["INBOX"],"raw":"QUJD","sizeEstimate":3,"internalDate":"1764000000000"}"#;
        let (d, members) = decode_into(
            json.as_bytes(),
            "raw",
            &["id", "threadId", "internalDate", "labelIds"],
            file,
            tx,
        )
        .unwrap();
        assert_eq!(std::fs::read(d.file.path()).unwrap(), b"ABC");
        let got: Vec<(&str, &str)> = members
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // Not a string (labelIds): skipped.
        assert_eq!(
            got,
            [
                ("id", "m1"),
                ("threadId", "t1"),
                ("internalDate", "1764000000000")
            ]
        );
    }

    #[test]
    fn a_truncated_answer_is_retryable_and_garbage_is_not_data() {
        let json = r#"{"size":3,"data":"QUJD"#;
        let err = decode(json).err().unwrap();
        assert!(err.is_retryable(), "{err}");
        let err = decode(r#"{"size":3,"data":"QU"#).err().unwrap();
        assert!(err.is_retryable(), "{err}");
        // A schema mismatch or garbage is not retried: it would answer the same again.
        let err = decode(r#"{"size":3}"#).err().unwrap();
        assert!(!err.is_retryable(), "{err}");
        let err = decode(r#"{"data":"@@@@"}"#).err().unwrap();
        assert!(!err.is_retryable(), "{err}");
    }

    #[test]
    fn retryable_errors() {
        let http = |status, reason: Option<&str>| GmailError::Http {
            status,
            reason: reason.map(str::to_owned),
            message: String::new(),
            retry_after: None,
        };
        assert!(http(429, None).is_retryable());
        assert!(http(503, None).is_retryable());
        assert!(http(403, Some("rateLimitExceeded")).is_retryable());
        assert!(http(403, Some("userRateLimitExceeded")).is_retryable());
        assert!(!http(403, Some("insufficientPermissions")).is_retryable());
        assert!(!http(404, None).is_retryable());
        assert!(http(403, Some("insufficientPermissions")).is_missing_scope());
        assert!(http(403, Some("ACCESS_TOKEN_SCOPE_INSUFFICIENT")).is_missing_scope());
        assert!(!http(403, Some("rateLimitExceeded")).is_missing_scope());
        assert!(!http(401, Some("insufficientPermissions")).is_missing_scope());
    }
}
