//! Shared data as the suite reads it: counters and items stored as UTF-8 text.

use proxy_wasm::hostcalls;
use proxy_wasm::types::Status;

/// Adds 1 to the counter at `key` with compare-and-swap, retrying when another VM got there first.
pub fn add(key: &str) -> u64 {
    loop {
        let (value, cas) = hostcalls::get_shared_data(key).unwrap_or((None, None));
        let next = value.as_deref().map(parse).unwrap_or(0) + 1;
        // An absent key has no CAS: the first write is unconditional, as in Envoy.
        match hostcalls::set_shared_data(key, Some(next.to_string().as_bytes()), cas) {
            Ok(()) => return next,
            Err(Status::CasMismatch) => continue,
            Err(status) => {
                log::error!("cannot update shared {}: {:?}", key, status);
                return 0;
            }
        }
    }
}

/// The text stored at `key`, or `absent` when there is none.
pub fn text(key: &str, absent: &str) -> String {
    match hostcalls::get_shared_data(key) {
        Ok((Some(value), _)) => String::from_utf8_lossy(&value).into_owned(),
        _ => absent.to_string(),
    }
}

fn parse(bytes: &[u8]) -> u64 {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}
