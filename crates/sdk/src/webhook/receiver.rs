//! The receiver: headers and raw body bytes in, verified and typed events out.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName};

use super::dedup::{self, DedupStore, MemoryDedup};
use super::error::WebhookError;
use super::event::InboundEvent;
use super::verify::{self, Credential, HeaderCheck, Signature};
use crate::{Provider, Secret};

/// Verifies webhook deliveries from one provider and parses them into [`InboundEvent`]s.
///
/// Build one per provider endpoint with the scheme the provider signs with:
/// [`cloud`](Self::cloud) (Meta's `X-Hub-Signature-256`), [`ycloud`](Self::ycloud)
/// (`YCloud-Signature` with a replay window), or a credential in a header for Whapi,
/// WhatsHooked and the on-premises client ([`header_secret`](Self::header_secret),
/// [`bearer`](Self::bearer), [`basic`](Self::basic)), which configure such headers on their
/// webhooks. It is cheap to clone (clones share the de-duplication memory), so it can be
/// axum state.
///
/// [`receive`](Self::receive) verifies and parses; [`receive_once`](Self::receive_once) also
/// sets aside events already handed on, through a [`DedupStore`] (by default a
/// [`MemoryDedup`] of this receiver and its clones).
///
/// ```
/// use whatsapp_sdk::webhook::{test_util, InboundEvent, WebhookReceiver};
/// use whatsapp_sdk::Secret;
///
/// let secret = Secret::new("app-secret");
/// let receiver = WebhookReceiver::cloud(secret.clone());
/// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398",
///   "changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
///   "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
///   "messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
///   "timestamp":"1749416383","type":"text","text":{"body":"Hi"}}]}}]}]}"#;
///
/// let headers = test_util::cloud_headers(&secret, body);
/// let events = receiver.receive(&headers, body)?;
/// assert!(matches!(&events[..], [InboundEvent::Message(m)] if m.text() == Some("Hi")));
///
/// let mut tampered = body.to_vec();
/// tampered[body.len() - 10] ^= 1;
/// assert!(receiver.receive(&headers, &tampered).is_err());
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Clone)]
pub struct WebhookReceiver {
    provider: Provider,
    signature: Option<Signature>,
    headers: Vec<HeaderCheck>,
    max_body: usize,
    verify_token: Option<Secret>,
    dedup: Option<Arc<dyn DedupStore>>,
}

/// The events of one delivery, split into those seen for the first time and redeliveries
/// (see [`WebhookReceiver::receive_once`]).
///
/// ```
/// use whatsapp_sdk::webhook::{self, Delivery};
/// use whatsapp_sdk::Provider;
///
/// // A delivery to hand to a handler under test.
/// let events = webhook::parse(Provider::OnPrem, br#"{"messages":[{"from":"16315551234",
///     "id":"ABGGFlA5FpafAgo6tHcNmNjXmuSf","type":"text","text":{"body":"Hi"}}]}"#)?;
/// let delivery = Delivery::new(events);
/// assert_eq!((delivery.events.len(), delivery.duplicates.len()), (1, 0));
/// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Delivery {
    /// Events not handed on before, in payload order: process these.
    pub events: Vec<InboundEvent>,
    /// Events already handed on by an earlier delivery (or earlier in this one).
    pub duplicates: Vec<InboundEvent>,
    token: String,
}

impl Delivery {
    /// A delivery of `events`, none of them duplicates (for tests of handlers).
    pub fn new(events: Vec<InboundEvent>) -> Self {
        Delivery {
            events,
            duplicates: Vec::new(),
            token: String::new(),
        }
    }
}

impl WebhookReceiver {
    /// The most body bytes accepted by default: 4 MiB, far above any message or status
    /// batch, so that a flood is refused before it is parsed.
    pub const DEFAULT_MAX_BODY: usize = 4 * 1024 * 1024;
    /// WhatsHooked's default: it sends media inline as base64 (a 16 MB video is ~22 MB).
    pub const WHATSHOOKED_MAX_BODY: usize = 32 * 1024 * 1024;
    /// How far YCloud's signed timestamp may be from now: 5 minutes.
    pub const DEFAULT_REPLAY_WINDOW: Duration = Duration::from_secs(5 * 60);

    fn new(provider: Provider, signature: Option<Signature>, headers: Vec<HeaderCheck>) -> Self {
        WebhookReceiver {
            provider,
            signature,
            headers,
            max_body: match provider {
                Provider::WhatsHooked => Self::WHATSHOOKED_MAX_BODY,
                _ => Self::DEFAULT_MAX_BODY,
            },
            verify_token: None,
            dedup: Some(Arc::new(MemoryDedup::default())),
        }
    }

    /// The Cloud API: `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body
    /// under the Meta app's secret. Add [`with_verify_token`](Self::with_verify_token) to
    /// answer the subscription handshake.
    pub fn cloud(app_secret: Secret) -> Self {
        Self::new(
            Provider::Cloud,
            Some(Signature::Meta(app_secret)),
            Vec::new(),
        )
    }

    /// YCloud: `YCloud-Signature: t=<unix seconds>,s=<hex>`, the HMAC-SHA256 of
    /// `{t}.{raw body}` under the webhook endpoint's secret, with `t` within
    /// [`DEFAULT_REPLAY_WINDOW`](Self::DEFAULT_REPLAY_WINDOW) of now.
    pub fn ycloud(endpoint_secret: Secret) -> Self {
        let signature = Signature::YCloud {
            secret: endpoint_secret,
            window: Self::DEFAULT_REPLAY_WINDOW,
        };
        Self::new(Provider::YCloud, Some(signature), Vec::new())
    }

    /// A provider that authenticates deliveries with a header you configured on its webhook
    /// (Whapi's `headers`, WhatsHooked's hook `headers`, a proxy in front of the on-premises
    /// client): `header` must carry exactly `value`. Add more with
    /// [`with_header`](Self::with_header) (Whapi takes up to five).
    ///
    /// ```
    /// use whatsapp_sdk::webhook::WebhookReceiver;
    /// use whatsapp_sdk::{Provider, Secret};
    ///
    /// let receiver = WebhookReceiver::header_secret(
    ///     Provider::Whapi,
    ///     http::HeaderName::from_static("x-webhook-secret"),
    ///     Secret::new("s3cr3t"),
    /// );
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("x-webhook-secret", "s3cr3t".parse().unwrap());
    /// assert!(receiver.receive(&headers, br#"{"messages":[]}"#).is_ok());
    /// headers.insert("x-webhook-secret", "guess".parse().unwrap());
    /// assert!(receiver.receive(&headers, br#"{"messages":[]}"#).is_err());
    /// ```
    pub fn header_secret(provider: Provider, header: HeaderName, value: Secret) -> Self {
        let check = HeaderCheck {
            name: header,
            credential: Credential::Exact(value),
        };
        Self::new(provider, None, vec![check])
    }

    /// A provider whose webhook sends `Authorization: Bearer <token>`.
    pub fn bearer(provider: Provider, token: Secret) -> Self {
        let check = HeaderCheck {
            name: http::header::AUTHORIZATION,
            credential: Credential::Bearer(token),
        };
        Self::new(provider, None, vec![check])
    }

    /// A provider whose webhook sends HTTP basic credentials (`Authorization: Basic …`).
    pub fn basic(provider: Provider, user: impl Into<String>, password: Secret) -> Self {
        let check = HeaderCheck {
            name: http::header::AUTHORIZATION,
            credential: Credential::Basic {
                user: user.into(),
                password,
            },
        };
        Self::new(provider, None, vec![check])
    }

    /// Also requires `header` to carry exactly `value` (on top of any signature).
    pub fn with_header(mut self, header: HeaderName, value: Secret) -> Self {
        self.headers.push(HeaderCheck {
            name: header,
            credential: Credential::Exact(value),
        });
        self
    }

    /// Refuses bodies over `bytes` with [`WebhookError::TooLarge`], before verifying them.
    pub fn with_max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// How far a signed timestamp may be from now (YCloud); no effect on other schemes.
    pub fn with_replay_window(mut self, window: Duration) -> Self {
        if let Some(Signature::YCloud { window: w, .. }) = &mut self.signature {
            *w = window;
        }
        self
    }

    /// The token set as "Verify token" in Meta's webhook configuration, for
    /// [`verify_subscription`](Self::verify_subscription).
    pub fn with_verify_token(mut self, token: Secret) -> Self {
        self.verify_token = Some(token);
        self
    }

    /// Uses `store` to set aside redeliveries in [`receive_once`](Self::receive_once); a
    /// shared store (`RedisDedup`) when several instances receive for one endpoint.
    pub fn with_dedup(mut self, store: impl DedupStore + 'static) -> Self {
        self.dedup = Some(Arc::new(store));
        self
    }

    /// No de-duplication: [`receive_once`](Self::receive_once) returns every event as new.
    pub fn without_dedup(mut self) -> Self {
        self.dedup = None;
        self
    }

    /// The provider whose deliveries this receiver takes.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The body size cap, in bytes.
    pub fn max_body(&self) -> usize {
        self.max_body
    }

    /// Verifies a delivery and parses it; see [`receive_at`](Self::receive_at).
    pub fn receive(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Vec<InboundEvent>, WebhookError> {
        self.receive_at(headers, body, SystemTime::now())
    }

    /// Verifies a delivery against `now` (for replay windows) and parses it.
    ///
    /// In order: the size cap, a configured secret, the signature and header credentials over
    /// the exact `body` bytes, the replay window, then the payload. Any failure returns an
    /// error and no events.
    pub fn receive_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Vec<InboundEvent>, WebhookError> {
        self.verify_at(headers, body, now)?;
        super::parse(self.provider, body)
    }

    /// Verifies a delivery without parsing it.
    pub fn verify_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let provider = self.provider;
        if body.len() > self.max_body {
            return Err(WebhookError::TooLarge {
                provider,
                limit: self.max_body,
                actual: body.len(),
            });
        }
        if !verify::configured(self.signature.as_ref(), &self.headers) {
            return Err(WebhookError::NoSecret { provider });
        }
        for check in &self.headers {
            verify::check_header(provider, check, headers)?;
        }
        if let Some(signature) = &self.signature {
            verify::check_signature(provider, signature, headers, body, now)?;
        }
        Ok(())
    }

    /// Verifies and parses a delivery, then claims its events' keys in the de-duplication
    /// store: events seen before come back as [`Delivery::duplicates`].
    ///
    /// If the store fails, the keys this call claimed are released and
    /// [`WebhookError::Store`] is returned: nothing is handed on and nothing is marked as
    /// seen, so the provider's retry is processed. If processing fails after this returns,
    /// call [`release`](Self::release) so the retry is not taken for a duplicate.
    ///
    /// ```
    /// use whatsapp_sdk::webhook::{test_util, WebhookReceiver};
    /// use whatsapp_sdk::Secret;
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let secret = Secret::new("app-secret");
    /// let receiver = WebhookReceiver::cloud(secret.clone());
    /// let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
    ///   {"field":"messages","value":{"statuses":[{"id":"wamid.A","status":"read",
    ///   "timestamp":"1749416390","recipient_id":"16505551234"}]}}]}]}"#;
    /// let headers = test_util::cloud_headers(&secret, body);
    ///
    /// let first = receiver.receive_once(&headers, body).await?;
    /// assert_eq!((first.events.len(), first.duplicates.len()), (1, 0));
    /// let again = receiver.receive_once(&headers, body).await?;
    /// assert_eq!((again.events.len(), again.duplicates.len()), (0, 1));
    /// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
    /// # }).unwrap();
    /// ```
    pub async fn receive_once(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Delivery, WebhookError> {
        self.receive_once_at(headers, body, SystemTime::now()).await
    }

    /// [`receive_once`](Self::receive_once) against `now`.
    pub async fn receive_once_at(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Delivery, WebhookError> {
        let events = self.receive_at(headers, body, now)?;
        let Some(store) = &self.dedup else {
            return Ok(Delivery::new(events));
        };
        if events.is_empty() {
            return Ok(Delivery::new(events));
        }
        let token = dedup::token();
        let keys: Vec<&str> = events.iter().map(InboundEvent::dedup_key).collect();
        let fresh = match store.claim(&keys, &token).await {
            Ok(fresh) if fresh.len() == keys.len() => fresh,
            Ok(_) => {
                let _ = store.release(&keys, &token).await;
                let source =
                    super::dedup::DedupError::new("the store answered for another number of keys");
                return Err(WebhookError::Store {
                    provider: self.provider,
                    source,
                });
            }
            Err(source) => {
                // The claim may have reached the store before the failure; whatever this
                // token holds must not turn the provider's retry into a "duplicate".
                let _ = store.release(&keys, &token).await;
                return Err(WebhookError::Store {
                    provider: self.provider,
                    source,
                });
            }
        };
        drop(keys);
        let mut delivery = Delivery {
            events: Vec::new(),
            duplicates: Vec::new(),
            token,
        };
        for (event, fresh) in events.into_iter().zip(fresh) {
            if fresh {
                delivery.events.push(event);
            } else {
                delivery.duplicates.push(event);
            }
        }
        Ok(delivery)
    }

    /// Forgets the new events of `delivery` in the de-duplication store, after processing
    /// them failed, so the provider's retry hands them on again.
    pub async fn release(&self, delivery: &Delivery) -> Result<(), WebhookError> {
        let Some(store) = &self.dedup else {
            return Ok(());
        };
        let keys: Vec<&str> = delivery
            .events
            .iter()
            .map(InboundEvent::dedup_key)
            .collect();
        if keys.is_empty() || delivery.token.is_empty() {
            return Ok(());
        }
        store
            .release(&keys, &delivery.token)
            .await
            .map_err(|source| WebhookError::Store {
                provider: self.provider,
                source,
            })
    }

    /// Answers the Cloud API's subscription handshake: for the query string of Meta's `GET`
    /// (`hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`), the challenge to echo back
    /// when the verify token matches the one configured with
    /// [`with_verify_token`](Self::with_verify_token).
    ///
    /// ```
    /// use whatsapp_sdk::webhook::WebhookReceiver;
    /// use whatsapp_sdk::Secret;
    ///
    /// let receiver = WebhookReceiver::cloud(Secret::new("app-secret"))
    ///     .with_verify_token(Secret::new("my-verify-token"));
    /// let query = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=my-verify-token";
    /// assert_eq!(receiver.verify_subscription(query)?, "1158201444");
    /// assert!(receiver.verify_subscription("hub.mode=subscribe&hub.challenge=1&hub.verify_token=x").is_err());
    /// # Ok::<(), whatsapp_sdk::webhook::WebhookError>(())
    /// ```
    pub fn verify_subscription(&self, query: &str) -> Result<String, WebhookError> {
        let refuse = |reason| WebhookError::Handshake {
            provider: self.provider,
            reason,
        };
        let expected = self
            .verify_token
            .as_ref()
            .filter(|t| !t.is_blank())
            .ok_or_else(|| refuse("no verify token is configured"))?;
        let (mut mode, mut token, mut challenge) = (None, None, None);
        for (key, value) in url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match &*key {
                "hub.mode" => mode = Some(value),
                "hub.verify_token" => token = Some(value),
                "hub.challenge" => challenge = Some(value),
                _ => {}
            }
        }
        if mode.as_deref() != Some("subscribe") {
            return Err(refuse("`hub.mode` is not `subscribe`"));
        }
        let token = token.ok_or_else(|| refuse("`hub.verify_token` is missing"))?;
        if !verify::same_text(&token, expected.expose()) {
            return Err(refuse("the verify token does not match"));
        }
        let challenge = challenge
            .filter(|c| !c.is_empty() && c.len() <= 512)
            .ok_or_else(|| refuse("`hub.challenge` is missing"))?;
        Ok(challenge.into_owned())
    }

    /// The headers a genuine delivery of `body` at `at` carries for this receiver, signed
    /// with its own secrets: for tests of handlers.
    #[cfg(feature = "test-util")]
    #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
    pub fn sign_at(&self, body: &[u8], at: SystemTime) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let mut put = |name: HeaderName, value: String| {
            if let Ok(value) = http::HeaderValue::from_str(&value) {
                headers.append(name, value);
            }
        };
        for check in &self.headers {
            let value = match &check.credential {
                Credential::Exact(secret) => secret.expose().to_owned(),
                Credential::Bearer(token) => format!("Bearer {}", token.expose()),
                Credential::Basic { user, password } => verify::basic(user, password),
            };
            put(check.name.clone(), value);
        }
        match &self.signature {
            Some(Signature::Meta(secret)) => put(
                HeaderName::from_static(verify::META_HEADER),
                verify::meta_signature(secret, body),
            ),
            Some(Signature::YCloud { secret, .. }) => put(
                HeaderName::from_static(verify::YCLOUD_HEADER),
                verify::ycloud_signature(secret, body, at),
            ),
            None => {}
        }
        headers
    }

    /// [`sign_at`](Self::sign_at) now.
    #[cfg(feature = "test-util")]
    #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
    pub fn sign(&self, body: &[u8]) -> HeaderMap {
        self.sign_at(body, SystemTime::now())
    }
}

impl fmt::Debug for WebhookReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Secret's own Debug hides the values; the header names are not secret.
        f.debug_struct("WebhookReceiver")
            .field("provider", &self.provider)
            .field("signature", &self.signature)
            .field("headers", &self.headers)
            .field("max_body", &self.max_body)
            .field("verify_token", &self.verify_token)
            .field("dedup", &self.dedup)
            .finish()
    }
}
