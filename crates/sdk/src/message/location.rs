//! Location messages.

use crate::error::ValidationError;
use crate::limits;

/// A point on the map, with an optional name and address.
///
/// ```
/// use whatsapp_sdk::{Message, message::Location};
///
/// let shop = Location::new(52.520_008, 13.404_954)
///     .with_name("Our shop")
///     .with_address("Alexanderplatz 1, Berlin");
/// let message = Message::new(shop)?;
/// assert!(Message::new(Location::new(91.0, 0.0)).is_err());
/// # Ok::<(), whatsapp_sdk::ValidationError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub(crate) latitude: f64,
    pub(crate) longitude: f64,
    pub(crate) name: Option<String>,
    pub(crate) address: Option<String>,
}

impl Location {
    /// Latitude in `-90..=90`, longitude in `-180..=180`, in degrees.
    pub fn new(latitude: f64, longitude: f64) -> Self {
        Location {
            latitude,
            longitude,
            name: None,
            address: None,
        }
    }

    /// The place's name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The place's address.
    pub fn with_address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }

    /// Latitude in degrees.
    pub fn latitude(&self) -> f64 {
        self.latitude
    }

    /// Longitude in degrees.
    pub fn longitude(&self) -> f64 {
        self.longitude
    }

    /// The name.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The address.
    pub fn address(&self) -> Option<&str> {
        self.address.as_deref()
    }

    pub(crate) fn validate(&self) -> Result<(), ValidationError> {
        limits::range("latitude", self.latitude, -90.0, 90.0)?;
        limits::range("longitude", self.longitude, -180.0, 180.0)?;
        for (field, value) in [("name", &self.name), ("address", &self.address)] {
            if let Some(value) = value {
                limits::text(field, value, usize::MAX)?;
            }
        }
        Ok(())
    }
}
