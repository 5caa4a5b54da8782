//! Code every provider crate needs verbatim; a macro keeps it in one place.

/// Implements progenitor's `ClientHooks` for a generated `Client` whose inner type is
/// [`Runtime`](crate::Runtime): `pre` adds credentials and User-Agent, `exec` sends with
/// timeouts, retries and tracing.
#[macro_export]
#[doc(hidden)]
macro_rules! impl_client_hooks {
    ($client:ty) => {
        impl $crate::__private::ClientHooks<$crate::Runtime> for $client {
            async fn pre<E>(
                &self,
                request: &mut $crate::__private::reqwest::Request,
                info: &$crate::__private::OperationInfo,
            ) -> ::std::result::Result<(), $crate::__private::Error<E>> {
                $crate::__private::ClientInfo::inner(self).prepare(request, info.operation_id);
                Ok(())
            }

            async fn exec(
                &self,
                request: $crate::__private::reqwest::Request,
                info: &$crate::__private::OperationInfo,
            ) -> $crate::__private::reqwest::Result<$crate::__private::reqwest::Response> {
                let client = self;
                $crate::__private::ClientInfo::inner(client)
                    .execute(
                        $crate::__private::ClientInfo::client(client),
                        request,
                        info.operation_id,
                    )
                    .await
            }
        }
    };
}

/// The builder setters every provider's `ClientBuilder` shares; expands inside its `impl`
/// block and needs a `settings: Settings` field.
#[macro_export]
#[doc(hidden)]
macro_rules! builder_settings {
    () => {
        /// Timeout for one attempt (connect, send, receive the whole body). Default 30 s.
        pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.settings.set_timeout(Some(timeout));
            self
        }

        /// No per-attempt timeout; only the retry policy's deadline bounds a call.
        pub fn without_timeout(mut self) -> Self {
            self.settings.set_timeout(None);
            self
        }

        /// Connect timeout of the HTTP client `build()` creates. Default 10 s. Ignored with
        /// [`with_http_client`](Self::with_http_client).
        pub fn with_connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.settings.set_connect_timeout(timeout);
            self
        }

        /// The application's product token, e.g. `my-app/1.2`, sent before the SDK's own in
        /// `User-Agent`.
        pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.settings.set_user_agent(user_agent);
            self
        }

        /// Sends through this `reqwest::Client` (proxies, custom TLS roots, a shared pool)
        /// instead of building one.
        pub fn with_http_client(mut self, client: $crate::__private::reqwest::Client) -> Self {
            self.settings.set_http_client(client);
            self
        }

        /// Replaces the retry policy; see [`RetryPolicy`]($crate::RetryPolicy).
        pub fn with_retry_policy(mut self, policy: $crate::RetryPolicy) -> Self {
            self.settings.set_retry_policy(policy);
            self
        }
    };
}
