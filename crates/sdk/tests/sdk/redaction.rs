//! No messenger shows a credential in its `Debug` output, in either form.

use whatsapp_sdk::{DynMessenger, cloud, onprem, whapi, whatshooked, ycloud};

const SECRET: &str = "s3cr3t-T0KEN-value";

fn messengers() -> Vec<Box<DynMessenger>> {
    vec![
        Box::new(
            cloud::CloudMessenger::new(
                cloud::api::Client::builder()
                    .with_access_token(SECRET)
                    .build()
                    .expect("a valid client"),
                "106540352242922",
            )
            .expect("a valid messenger"),
        ),
        Box::new(onprem::OnPremMessenger::new(
            onprem::api::Client::builder()
                .with_base_url("https://wa.example.com/v1")
                .with_access_token(SECRET)
                .with_basic_auth("admin", SECRET)
                .build()
                .expect("a valid client"),
        )),
        Box::new(whapi::WhapiMessenger::new(
            whapi::api::Client::builder()
                .with_token(SECRET)
                .build()
                .expect("a valid client"),
        )),
        Box::new(
            ycloud::YCloudMessenger::new(
                ycloud::api::Client::builder()
                    .with_api_key(SECRET)
                    .build()
                    .expect("a valid client"),
                "+14155550100",
            )
            .expect("a valid messenger"),
        ),
        Box::new(
            whatshooked::WhatsHookedMessenger::new(
                whatshooked::api::Client::builder()
                    .with_base_url("http://127.0.0.1:8080")
                    .with_api_key(SECRET)
                    .build()
                    .expect("a valid client"),
                "main",
                whatshooked::AccountType::BusinessApi,
            )
            .expect("a valid messenger"),
        ),
    ]
}

#[test]
fn debug_output_never_shows_a_credential() {
    let all = messengers();
    assert_eq!(all.len(), whatsapp_sdk::Provider::ALL.len());
    for messenger in all {
        for text in [format!("{messenger:?}"), format!("{messenger:#?}")] {
            assert!(!text.contains(SECRET), "{}: {text}", messenger.provider());
            assert!(
                text.contains("Messenger"),
                "{}: {text}",
                messenger.provider()
            );
        }
    }
}
