//! Calls to the operations and body variants written by hand in the provider crates, with
//! values taken from each spec by hand (or, for variants of generated operations, the same
//! values as their generated call).

pub(crate) mod cloud;
pub(crate) mod onprem;
pub(crate) mod whapi;
pub(crate) mod whatshooked;

use whatsapp_sdk_runtime::Upload;

/// A small JPEG-looking file.
pub(crate) fn jpeg() -> Upload {
    Upload::from_bytes(
        "contract.jpg",
        "image/jpeg",
        &b"\xff\xd8\xff\xe0contract"[..],
    )
}

/// A small PNG-looking file.
pub(crate) fn png() -> Upload {
    Upload::from_bytes(
        "contract.png",
        "image/png",
        &b"\x89PNG\r\n\x1a\ncontract"[..],
    )
}
