//! What the benchmarks time without a network (feature `bench`; not a stable API): a message
//! mapped to a provider's typed request and serialized, exactly as an adapter's send does
//! before it hands the body to the HTTP client.

use serde::Serialize;

use crate::capability;
use crate::error::{Error, Result};
use crate::{Message, PhoneNumber, Provider, Recipient};

/// The JSON bytes `provider`'s adapter would send for `message` to `to`: the capability check,
/// the mapping to the generated request type, and its serialization. Media given as bytes is
/// refused (an adapter would upload it first, which needs a server).
///
/// The adapter settings a mapping reads are fixed: YCloud sends from `+14155550100`,
/// WhatsHooked from the account `bench`, the on-premises client with the template namespace
/// `bench_namespace` and the media provider `bench-cdn`.
pub fn encode(provider: Provider, to: &Recipient, message: &Message) -> Result<Vec<u8>> {
    capability::check_send(provider, provider.capabilities(), to, message)?;
    match provider {
        #[cfg(feature = "cloud")]
        Provider::Cloud => json(provider, &crate::cloud::map::request(to, message)?),
        #[cfg(feature = "onprem")]
        Provider::OnPrem => {
            let settings = crate::onprem::map::Settings {
                media_provider: Some("bench-cdn"),
                template_namespace: Some("bench_namespace"),
            };
            json(
                provider,
                &crate::onprem::map::request(to, message, settings)?,
            )
        }
        #[cfg(feature = "whapi")]
        Provider::Whapi => whapi(&crate::whapi::map::request(to, message)?),
        #[cfg(feature = "ycloud")]
        Provider::YCloud => {
            let from: PhoneNumber = "+14155550100".parse()?;
            json(provider, &crate::ycloud::map::request(&from, to, message)?)
        }
        #[cfg(feature = "whatshooked")]
        Provider::WhatsHooked => {
            whatshooked(&crate::whatshooked::map::request("bench", to, message)?)
        }
        #[allow(unreachable_patterns)]
        other => Err(Error::Config {
            provider: other,
            source: format!("the facade was built without feature `{other}`").into(),
        }),
    }
}

fn json(provider: Provider, body: &impl Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(body).map_err(|e| Error::Request {
        provider,
        operation: "encode",
        source: Box::new(e),
    })
}

#[cfg(feature = "whapi")]
fn whapi(request: &crate::whapi::map::Request) -> Result<Vec<u8>> {
    use crate::whapi::map::Request;
    let p = Provider::Whapi;
    match request {
        Request::Text(body) => json(p, body),
        Request::Image(body) => json(p, body),
        Request::Video(body) => json(p, body),
        Request::Audio(body) => json(p, body),
        Request::Document(body) => json(p, body),
        Request::Sticker(body) => json(p, body),
        Request::Location(body) => json(p, body),
        Request::Contact(body) => json(p, body),
        Request::ContactList(body) => json(p, body),
        Request::Interactive(body) => json(p, body),
        Request::React { body, .. } => json(p, body),
        // `DELETE /messages/{id}/reaction` has no body.
        Request::RemoveReaction { .. } => Ok(Vec::new()),
    }
}

#[cfg(feature = "whatshooked")]
fn whatshooked(request: &crate::whatshooked::map::Request) -> Result<Vec<u8>> {
    use crate::whatshooked::map::Request;
    let p = Provider::WhatsHooked;
    match request {
        Request::Text(body) => json(p, body),
        Request::Image(body) => json(p, body),
        Request::Video(body) => json(p, body),
        Request::Document(body) => json(p, body),
        Request::Audio(body) => json(p, body),
        Request::Sticker(body) => json(p, body),
        Request::Location(body) => json(p, body),
        Request::Interactive(body) => json(p, body),
        Request::Template(body) => json(p, body),
        Request::Reaction(body) => json(p, body),
    }
}

#[cfg(all(test, feature = "cloud", feature = "whapi"))]
mod tests {
    use super::*;

    #[test]
    fn a_cloud_text_encodes_as_the_adapter_sends_it() {
        let to: Recipient = "+14155550123".parse().expect("a number");
        let bytes =
            encode(Provider::Cloud, &to, &Message::text("Hi").expect("a text")).expect("encodes");
        assert_eq!(
            std::str::from_utf8(&bytes).expect("utf-8"),
            r#"{"messaging_product":"whatsapp","text":{"body":"Hi"},"to":"14155550123","type":"text"}"#
        );
        let whapi =
            encode(Provider::Whapi, &to, &Message::text("Hi").expect("a text")).expect("encodes");
        let whapi: serde_json::Value = serde_json::from_slice(&whapi).expect("json");
        assert_eq!(whapi["body"], "Hi");
        assert_eq!(whapi["to"], "14155550123@s.whatsapp.net");
    }

    #[test]
    fn what_a_provider_cannot_send_is_refused_before_mapping() {
        let group: Recipient = "120363025246125486@g.us".parse().expect("a group");
        let error = encode(
            Provider::Cloud,
            &group,
            &Message::text("Hi").expect("a text"),
        )
        .expect_err("no groups");
        assert!(matches!(error, Error::Unsupported { .. }), "{error}");
    }
}
