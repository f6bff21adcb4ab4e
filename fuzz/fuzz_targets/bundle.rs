//! The token bundle parser on arbitrary input: never a panic; what it accepts, it writes back
//! and reads again identically.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paypulse_core::bundle::{TokenBundle, parse_timestamp, utc_now};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_timestamp(text);
    if let Ok(bundle) = TokenBundle::from_json(text) {
        let written = bundle.to_json();
        let again = TokenBundle::from_json(&written).expect("what we write, we read");
        assert_eq!(again.to_json(), written);
        let _ = bundle.status(utc_now());
    }
});
