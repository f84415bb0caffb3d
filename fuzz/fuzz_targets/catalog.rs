//! Read -> validate -> render on arbitrary text: nothing may panic, and every
//! catalog `load_str` accepts must render.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(model) = retcode::load_str(text) {
        let files = retcode::render_all(&model, "fuzz.toml");
        assert!(!files.is_empty());
    }
});
