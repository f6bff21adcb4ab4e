//! The OAuth callback parser (as a redirect URL's query, and as a pasted URL or code) on
//! arbitrary input: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paypulse_core::SecretString;
use paypulse_core::loopback::parse_pasted;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let state = SecretString::from("st4te");
    let _ = parse_pasted(&text, &state);
    let as_redirect = format!("http://127.0.0.1:1/?{text}");
    let _ = parse_pasted(&as_redirect, &state);
});
