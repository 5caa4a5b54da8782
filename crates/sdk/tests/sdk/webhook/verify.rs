//! Verification: every provider's scheme over the exact bytes, and every way to fail.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderName, HeaderValue};
use whatsapp_sdk::webhook::{WebhookError, WebhookReceiver, test_util};
use whatsapp_sdk::{Provider, Secret};

use crate::webhook::support::{sample, samples};

fn header(headers: &mut HeaderMap, name: &str, value: &str) {
    headers.insert(
        HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
        HeaderValue::from_str(value).expect("a header value"),
    );
}

fn receivers() -> Vec<WebhookReceiver> {
    vec![
        WebhookReceiver::cloud(Secret::new("meta-app-secret")),
        WebhookReceiver::header_secret(
            Provider::OnPrem,
            HeaderName::from_static("x-onprem-token"),
            Secret::new("onprem-token"),
        ),
        WebhookReceiver::header_secret(
            Provider::Whapi,
            HeaderName::from_static("x-whapi-secret"),
            Secret::new("whapi-secret"),
        )
        .with_header(
            HeaderName::from_static("x-whapi-channel"),
            Secret::new("MANTIS-M72HC"),
        ),
        WebhookReceiver::ycloud(Secret::new("whsec_0123456789abcdef")),
        WebhookReceiver::bearer(Provider::WhatsHooked, Secret::new("hook-token")),
    ]
}

const T: u64 = 1_772_439_330;

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(T)
}

#[test]
fn every_sample_verifies_when_signed_and_fails_when_changed_by_one_byte() {
    for receiver in receivers() {
        let provider = receiver.provider();
        for (name, body) in samples(provider) {
            let headers = receiver.sign_at(&body, now());
            let events = receiver
                .receive_at(&headers, &body, now())
                .unwrap_or_else(|e| panic!("{provider} {name}: {e}"));
            assert_eq!(
                format!("{events:?}"),
                format!(
                    "{:?}",
                    whatsapp_sdk::webhook::parse(provider, &body).unwrap()
                )
            );
            assert!(!events.is_empty(), "{provider} {name}");
            if matches!(provider, Provider::Cloud | Provider::YCloud) {
                // Only signatures cover the body; header credentials do not.
                for index in [0, body.len() / 2, body.len() - 1] {
                    let mut changed = body.clone();
                    changed[index] = changed[index].wrapping_add(1);
                    let error = receiver.receive_at(&headers, &changed, now()).unwrap_err();
                    assert!(
                        matches!(error, WebhookError::BadSignature { .. }),
                        "{provider} {name} @{index}: {error:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn non_ascii_and_slashes_verify_over_the_raw_bytes_not_reserialised_json() {
    let secret = Secret::new("meta-app-secret");
    let receiver = WebhookReceiver::cloud(secret.clone());
    let body = sample(Provider::Cloud, "text_non_ascii.json");
    assert!(
        body.windows(6).any(|w| w == br"\u00e9"),
        "the sample escapes as Meta does"
    );
    assert!(body.windows(2).any(|w| w == br"\/"));
    let headers = test_util::cloud_headers(&secret, &body);
    assert!(receiver.receive(&headers, &body).is_ok());
    // What a re-serialising verifier would check instead: other bytes, so Meta's signature fails.
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let reserialised = serde_json::to_vec(&value).unwrap();
    assert_ne!(reserialised, body);
    assert!(matches!(
        receiver.receive(&headers, &reserialised),
        Err(WebhookError::BadSignature { .. })
    ));
}

#[test]
fn meta_signatures_fail_closed() {
    let secret = Secret::new("meta-app-secret");
    let receiver = WebhookReceiver::cloud(secret.clone());
    let body = sample(Provider::Cloud, "text.json");
    let good = test_util::cloud_signature(&secret, &body);

    let wrong = test_util::cloud_headers(&Secret::new("another-secret"), &body);
    assert!(matches!(
        receiver.receive(&wrong, &body),
        Err(WebhookError::BadSignature { .. })
    ));

    let missing = receiver.receive(&HeaderMap::new(), &body).unwrap_err();
    assert!(
        matches!(&missing, WebhookError::MissingSignature { header, .. } if header == "x-hub-signature-256")
    );

    let upper = good.replace("sha256=", "SHA256=").to_uppercase();
    let mut headers = HeaderMap::new();
    header(&mut headers, "X-Hub-Signature-256", &upper);
    assert!(
        receiver.receive(&headers, &body).is_ok(),
        "hex and algorithm in any case"
    );

    for bad in [
        "",
        "sha256",
        "sha256=",
        &good[..good.len() - 1],
        &format!("{good}0"),
        &good.replace("sha256=", "sha1="),
        &format!("sha256={}", "g".repeat(64)),
        "Bearer abc",
    ] {
        let mut headers = HeaderMap::new();
        header(&mut headers, "x-hub-signature-256", bad);
        let error = receiver.receive(&headers, &body).unwrap_err();
        assert!(
            matches!(error, WebhookError::MalformedSignature { .. }),
            "{bad:?}: {error:?}"
        );
    }
    let mut twice = test_util::cloud_headers(&secret, &body);
    twice.append("x-hub-signature-256", HeaderValue::from_str(&good).unwrap());
    assert!(matches!(
        receiver.receive(&twice, &body),
        Err(WebhookError::MalformedSignature { .. })
    ));
    let mut binary = HeaderMap::new();
    binary.insert(
        "x-hub-signature-256",
        HeaderValue::from_bytes(b"sha256=\xff").unwrap(),
    );
    assert!(matches!(
        receiver.receive(&binary, &body),
        Err(WebhookError::MalformedSignature { .. })
    ));
}

#[test]
fn ycloud_signatures_have_a_replay_window() {
    let secret = Secret::new("whsec_0123456789abcdef");
    let receiver = WebhookReceiver::ycloud(secret.clone());
    let body = sample(Provider::YCloud, "inbound_text.json");
    let signed_at = now();
    let headers = test_util::ycloud_headers(&secret, &body, signed_at);
    let later = |s| signed_at + Duration::from_secs(s);
    let earlier = |s| signed_at - Duration::from_secs(s);

    assert!(receiver.receive_at(&headers, &body, later(300)).is_ok());
    assert!(receiver.receive_at(&headers, &body, earlier(300)).is_ok());
    let stale = receiver
        .receive_at(&headers, &body, later(301))
        .unwrap_err();
    assert!(
        matches!(stale, WebhookError::Stale { age, window, .. } if age == Duration::from_secs(301) && window == Duration::from_secs(300)),
        "{stale:?}"
    );
    let future = receiver
        .receive_at(&headers, &body, earlier(301))
        .unwrap_err();
    assert!(
        matches!(future, WebhookError::Future { ahead, .. } if ahead == Duration::from_secs(301)),
        "{future:?}"
    );

    let strict = receiver.clone().with_replay_window(Duration::from_secs(10));
    assert!(matches!(
        strict.receive_at(&headers, &body, later(11)),
        Err(WebhookError::Stale { .. })
    ));
    assert!(strict.receive_at(&headers, &body, later(10)).is_ok());

    let wrong = test_util::ycloud_headers(&Secret::new("whsec_other"), &body, signed_at);
    assert!(matches!(
        receiver.receive_at(&wrong, &body, signed_at),
        Err(WebhookError::BadSignature { .. })
    ));

    // Moving the timestamp breaks the signature: it is signed too.
    let value = headers
        .get("ycloud-signature")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let (_, s) = value.split_once(",s=").unwrap();
    let mut moved = HeaderMap::new();
    header(
        &mut moved,
        "YCloud-Signature",
        &format!("t={},s={s}", T + 60),
    );
    assert!(matches!(
        receiver.receive_at(&moved, &body, signed_at),
        Err(WebhookError::BadSignature { .. })
    ));

    // While a secret is rotated, any of several `s=` may match.
    let mut rotated = HeaderMap::new();
    header(
        &mut rotated,
        "ycloud-signature",
        &format!("t={T},s={},s={s}", "0".repeat(64)),
    );
    assert!(receiver.receive_at(&rotated, &body, signed_at).is_ok());

    for bad in [
        format!("s={s}"),
        format!("t={T}"),
        format!("t=soon,s={s}"),
        format!("t=-5,s={s}"),
        format!("t={T},s=xyz"),
        format!("t={T},t={T},s={s}"),
        String::from("garbage"),
    ] {
        let mut headers = HeaderMap::new();
        header(&mut headers, "ycloud-signature", &bad);
        let error = receiver.receive_at(&headers, &body, signed_at).unwrap_err();
        assert!(
            matches!(error, WebhookError::MalformedSignature { .. }),
            "{bad}: {error:?}"
        );
    }
    assert!(matches!(
        receiver.receive_at(&HeaderMap::new(), &body, signed_at),
        Err(WebhookError::MissingSignature { .. })
    ));
}

#[test]
fn header_credentials_must_all_be_present_and_match() {
    let body = sample(Provider::Whapi, "messages.json");
    let receiver = WebhookReceiver::header_secret(
        Provider::Whapi,
        HeaderName::from_static("x-whapi-secret"),
        Secret::new("whapi-secret"),
    )
    .with_header(
        HeaderName::from_static("x-whapi-channel"),
        Secret::new("MANTIS-M72HC"),
    );
    let mut headers = HeaderMap::new();
    header(&mut headers, "X-Whapi-Secret", "whapi-secret");
    let missing = receiver.receive(&headers, &body).unwrap_err();
    assert!(
        matches!(&missing, WebhookError::MissingSignature { header, .. } if header == "x-whapi-channel")
    );
    header(&mut headers, "x-whapi-channel", "MANTIS-M72HC");
    assert_eq!(receiver.receive(&headers, &body).unwrap().len(), 9);
    header(&mut headers, "x-whapi-secret", "whapi-secreT");
    assert!(matches!(
        receiver.receive(&headers, &body),
        Err(WebhookError::BadSignature { .. })
    ));
    header(&mut headers, "x-whapi-secret", "whapi-secret-and-more");
    assert!(matches!(
        receiver.receive(&headers, &body),
        Err(WebhookError::BadSignature { .. })
    ));

    let bearer = WebhookReceiver::bearer(Provider::WhatsHooked, Secret::new("hook-token"));
    let body = sample(Provider::WhatsHooked, "message_received_text.json");
    assert!(
        bearer
            .receive(
                &test_util::bearer_headers(&Secret::new("hook-token")),
                &body
            )
            .is_ok()
    );
    let mut lower = HeaderMap::new();
    header(&mut lower, "authorization", "bearer hook-token");
    assert!(bearer.receive(&lower, &body).is_ok());
    assert!(matches!(
        bearer.receive(
            &test_util::bearer_headers(&Secret::new("hook-tokem")),
            &body
        ),
        Err(WebhookError::BadSignature { .. })
    ));
    let mut basic = HeaderMap::new();
    header(&mut basic, "authorization", "Basic aG9vazp0b2tlbg==");
    assert!(matches!(
        bearer.receive(&basic, &body),
        Err(WebhookError::MalformedSignature { .. })
    ));

    let basic_receiver = WebhookReceiver::basic(Provider::OnPrem, "hook", Secret::new("pässword"));
    let body = sample(Provider::OnPrem, "text.json");
    assert!(
        basic_receiver
            .receive(
                &test_util::basic_headers("hook", &Secret::new("pässword")),
                &body
            )
            .is_ok()
    );
    assert!(matches!(
        basic_receiver.receive(
            &test_util::basic_headers("hook", &Secret::new("password")),
            &body
        ),
        Err(WebhookError::BadSignature { .. })
    ));
    assert!(matches!(
        basic_receiver.receive(
            &test_util::basic_headers("other", &Secret::new("pässword")),
            &body
        ),
        Err(WebhookError::BadSignature { .. })
    ));
    let mut broken = HeaderMap::new();
    header(&mut broken, "authorization", "Basic ***");
    assert!(matches!(
        basic_receiver.receive(&broken, &body),
        Err(WebhookError::MalformedSignature { .. })
    ));
    let token_like = test_util::secret_headers(
        HeaderName::from_static("authorization"),
        &Secret::new("pässword"),
    );
    assert!(basic_receiver.receive(&token_like, &body).is_err());
}

#[test]
fn blank_secrets_fail_closed_whatever_the_headers_say() {
    let body = br#"{"messages":[]}"#;
    let blank = [
        WebhookReceiver::cloud(Secret::new("")),
        WebhookReceiver::ycloud(Secret::new("  ")),
        WebhookReceiver::header_secret(
            Provider::Whapi,
            HeaderName::from_static("x-secret"),
            Secret::new(""),
        ),
        WebhookReceiver::header_secret(
            Provider::Whapi,
            HeaderName::from_static("x-secret"),
            Secret::new("ok"),
        )
        .with_header(HeaderName::from_static("x-other"), Secret::new(" ")),
        WebhookReceiver::bearer(Provider::WhatsHooked, Secret::new("")),
        WebhookReceiver::basic(Provider::OnPrem, "", Secret::new("password")),
    ];
    for receiver in blank {
        let headers = receiver.sign(body);
        let error = receiver.receive(&headers, body).unwrap_err();
        assert!(
            matches!(error, WebhookError::NoSecret { .. }),
            "{receiver:?}: {error:?}"
        );
        assert_eq!(error.status(), http::StatusCode::INTERNAL_SERVER_ERROR);
    }
}

#[test]
fn bodies_over_the_cap_are_refused_before_anything_else() {
    let receiver = WebhookReceiver::cloud(Secret::new("meta-app-secret")).with_max_body(64);
    let body = sample(Provider::Cloud, "text.json");
    let error = receiver.receive(&HeaderMap::new(), &body).unwrap_err();
    assert!(
        matches!(error, WebhookError::TooLarge { limit: 64, actual, .. } if actual == body.len()),
        "{error:?}"
    );
    assert_eq!(error.status(), http::StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        WebhookReceiver::cloud(Secret::new("s")).max_body(),
        4 * 1024 * 1024
    );
    assert_eq!(
        WebhookReceiver::bearer(Provider::WhatsHooked, Secret::new("s")).max_body(),
        32 * 1024 * 1024
    );
}

#[test]
fn a_verified_body_that_is_not_a_payload_is_malformed() {
    let secret = Secret::new("meta-app-secret");
    let receiver = WebhookReceiver::cloud(secret.clone());
    let body = b"{\"entry\": [ oops";
    let error = receiver
        .receive(&test_util::cloud_headers(&secret, body), body)
        .unwrap_err();
    assert!(
        matches!(
            error,
            WebhookError::Malformed {
                provider: Provider::Cloud,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.status(), http::StatusCode::BAD_REQUEST);
}

#[test]
fn errors_and_debug_output_never_show_secrets() {
    let receivers = [
        WebhookReceiver::cloud(Secret::new("s3cr3t-app"))
            .with_verify_token(Secret::new("s3cr3t-verify")),
        WebhookReceiver::ycloud(Secret::new("s3cr3t-ycloud")),
        WebhookReceiver::basic(Provider::OnPrem, "user", Secret::new("s3cr3t-pass")),
        WebhookReceiver::header_secret(
            Provider::Whapi,
            HeaderName::from_static("x-k"),
            Secret::new("s3cr3t-header"),
        ),
    ];
    let body = br#"{"entry":[]}"#;
    for receiver in receivers {
        let debug = format!("{receiver:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        let mut headers = receiver.sign(body);
        for value in headers.values_mut() {
            *value = HeaderValue::from_static("Basic czNjcjN0LWd1ZXNz");
        }
        let error = receiver.receive(&headers, b"{}").unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("czNjcjN0"),
            "{shown}"
        );
    }
}

#[test]
fn the_subscription_handshake_echoes_the_challenge_only_for_the_right_token() {
    let receiver = WebhookReceiver::cloud(Secret::new("meta-app-secret"))
        .with_verify_token(Secret::new("verify me"));
    let challenge = receiver
        .verify_subscription(
            "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify+me",
        )
        .unwrap();
    assert_eq!(challenge, "1158201444");
    assert_eq!(
        receiver
            .verify_subscription(
                "?hub.verify_token=verify%20me&hub.challenge=abc&hub.mode=subscribe"
            )
            .unwrap(),
        "abc"
    );
    for refused in [
        "hub.mode=subscribe&hub.challenge=1&hub.verify_token=verify",
        "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify+me",
        "hub.mode=subscribe&hub.verify_token=verify+me",
        "hub.mode=subscribe&hub.challenge=1",
        "",
    ] {
        let error = receiver.verify_subscription(refused).unwrap_err();
        assert!(
            matches!(error, WebhookError::Handshake { .. }),
            "{refused}: {error:?}"
        );
        assert_eq!(error.status(), http::StatusCode::FORBIDDEN);
    }
    let unset = WebhookReceiver::cloud(Secret::new("meta-app-secret"));
    assert!(
        unset
            .verify_subscription("hub.mode=subscribe&hub.challenge=1&hub.verify_token=")
            .is_err()
    );
}
