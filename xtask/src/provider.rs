//! The five providers and the files that describe each of them.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// Folder names of the providers, in the order tables list them.
pub const PROVIDERS: [&str; 5] = ["cloud", "onprem", "whapi", "ycloud", "whatshooked"];

/// The repository root (the xtask lives one level below it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// One provider's files under `specs/<name>/` and `crates/<name>/`.
#[derive(Debug, Clone)]
pub struct Provider {
    /// Folder name, e.g. `cloud`.
    pub name: &'static str,
    root: PathBuf,
}

/// `specs/<provider>/source.toml`: where the vendored spec comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// File name of the vendored spec inside `specs/<provider>/`.
    pub file: String,
    /// What the API is.
    pub api: String,
    /// `info.version` of the spec.
    pub api_version: String,
    /// The `openapi` version string of the spec.
    pub openapi: String,
    /// Repository the file was published in.
    pub repository: String,
    /// Path of the file in that repository.
    pub path: String,
    /// Commit the file was taken from.
    pub commit: String,
    /// Date of that commit.
    pub commit_date: String,
    /// Where the repository's copy came from, when it is itself a copy.
    #[serde(default)]
    pub origin: Option<String>,
    /// sha256 of the vendored file, hex.
    pub sha256: String,
    /// Licence as far as known.
    pub licence: String,
}

/// `specs/<provider>/codegen.toml`: what the generic passes need to know about this provider.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodegenConfig {
    /// Operations progenitor cannot generate; their crates implement them by hand.
    #[serde(default)]
    pub hand_written: Vec<HandWritten>,
    /// Request media types that the `request-media-type` pass may drop when an operation offers
    /// JSON as well; the dropped variant is hand-written.
    #[serde(default)]
    pub dropped_request_media_types: Vec<DroppedMediaType>,
}

/// An operation left out of generation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandWritten {
    /// The operation's `operationId` in the upstream spec.
    pub operation_id: String,
    /// Why progenitor cannot generate it.
    pub reason: String,
}

/// Request media types dropped in favour of JSON.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DroppedMediaType {
    /// One media type, e.g. `multipart/form-data`.
    #[serde(default)]
    pub media_type: Option<String>,
    /// Several media types sharing one reason.
    #[serde(default)]
    pub media_types: Vec<String>,
    /// Why it is dropped and where its variant lives instead.
    pub reason: String,
}

impl DroppedMediaType {
    /// Whether `media_type` is one of these.
    pub fn covers(&self, media_type: &str) -> bool {
        self.media_type.as_deref() == Some(media_type)
            || self.media_types.iter().any(|m| m == media_type)
    }
}

impl Provider {
    /// All providers of this repository.
    pub fn all() -> Vec<Provider> {
        let root = repo_root();
        PROVIDERS
            .iter()
            .map(|name| Provider {
                name,
                root: root.clone(),
            })
            .collect()
    }

    /// A provider whose files live under another repository root (used by tests on scratch trees).
    pub fn at(root: impl Into<PathBuf>, name: &'static str) -> Provider {
        Provider {
            name,
            root: root.into(),
        }
    }

    /// The provider called `name`, or a usage error listing the valid names.
    pub fn named(name: &str) -> Result<Provider> {
        Self::all()
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "unknown provider `{name}`; expected one of {}",
                    PROVIDERS.join(", ")
                ))
            })
    }

    /// `specs/<name>/`.
    pub fn spec_dir(&self) -> PathBuf {
        self.root.join("specs").join(self.name)
    }

    /// `crates/<name>/`.
    pub fn crate_dir(&self) -> PathBuf {
        self.root.join("crates").join(self.name)
    }

    /// Cargo package name.
    pub fn package(&self) -> String {
        format!("whatsapp-sdk-{}", self.name)
    }

    /// The parsed `source.toml`.
    pub fn source(&self) -> Result<SourceRecord> {
        read_toml(&self.spec_dir().join("source.toml"))
    }

    /// The parsed `codegen.toml` (absent means: nothing special).
    pub fn codegen(&self) -> Result<CodegenConfig> {
        let path = self.spec_dir().join("codegen.toml");
        if path.exists() {
            read_toml(&path)
        } else {
            Ok(CodegenConfig::default())
        }
    }

    /// The vendored upstream spec.
    pub fn upstream_path(&self) -> Result<PathBuf> {
        Ok(self.spec_dir().join(self.source()?.file))
    }

    /// The OpenAPI Overlay 1.0 file with this provider's fixes, if any.
    pub fn overlay_path(&self) -> PathBuf {
        self.spec_dir().join("overlay.yaml")
    }

    /// The normalized spec progenitor reads.
    pub fn normalized_path(&self) -> PathBuf {
        self.spec_dir().join("normalized.json")
    }

    /// The generated module.
    pub fn generated_path(&self) -> PathBuf {
        self.crate_dir().join("src").join("generated.rs")
    }

    /// The contract suite's generated decoder checks for this provider's types.
    pub fn contract_shapes_path(&self) -> PathBuf {
        self.root
            .join("tests/contract/src/shapes")
            .join(format!("{}.rs", self.name))
    }

    /// The contract suite's generated calls to this provider's operations.
    pub fn contract_calls_path(&self) -> PathBuf {
        self.root
            .join("tests/contract/src/calls")
            .join(format!("{}.rs", self.name))
    }
}

/// Reads a file, naming it on failure.
pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = read_to_string(path)?;
    toml::from_str(&text).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))
}
