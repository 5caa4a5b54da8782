//! Untagged enums that pick the variant which keeps the data.
//!
//! typify turns a `oneOf`/`anyOf` into `#[serde(untagged)]`, and serde takes the first variant
//! that decodes. Variant structs ignore unknown fields, so when branches overlap (Whapi's
//! `MessageContent`: an image, a video, a document … all share `id`, `mime_type`, `file_size`)
//! a document decodes as an image and loses `filename` and `page_count`, silently. The derived
//! `Deserialize` of every untagged enum whose variants are all one-field tuples is replaced by
//! one that tries the variants in order and returns the first whose re-encoding keeps every
//! value of the input; if none does, the one that keeps most. Serialization stays derived.

use quote::quote;
use syn::{Fields, Item};

/// Rewrites the untagged enums of `mod types`; returns whether any was rewritten.
pub fn adapt(items: &mut Vec<Item>) -> bool {
    let mut added = Vec::new();
    for item in items.iter_mut() {
        let Item::Enum(e) = item else { continue };
        let untagged = e.attrs.iter().any(|a| {
            a.path().is_ident("serde")
                && a.meta
                    .require_list()
                    .is_ok_and(|l| l.tokens.to_string() == "untagged")
        });
        let newtypes: Option<Vec<(syn::Ident, syn::Type)>> = e
            .variants
            .iter()
            .map(|v| match &v.fields {
                Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                    Some((v.ident.clone(), f.unnamed[0].ty.clone()))
                }
                _ => None,
            })
            .collect();
        let (true, Some(variants)) = (untagged, newtypes) else {
            continue;
        };
        if variants.len() < 2 {
            continue;
        }
        // Drop `Deserialize` from the derive list.
        for attr in &mut e.attrs {
            if attr.path().is_ident("derive") {
                let tokens = attr
                    .meta
                    .require_list()
                    .map(|l| l.tokens.to_string())
                    .unwrap_or_default();
                let kept: Vec<syn::Path> = tokens
                    .split(',')
                    .map(|t| t.replace(' ', ""))
                    .filter(|t| !t.is_empty() && !t.ends_with("Deserialize"))
                    .filter_map(|t| syn::parse_str(&t).ok())
                    .collect();
                *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
            }
        }
        let name = &e.ident;
        let message = format!("data did not match any variant of untagged enum {name}");
        let tries = variants.iter().map(|(variant, ty)| {
            quote! {
                if let Ok(inner) = ::serde_json::from_value::<#ty>(value.clone()) {
                    let candidate = Self::#variant(inner);
                    let kept = super::untagged::kept(&value, &candidate);
                    if kept == total {
                        return Ok(candidate);
                    }
                    if best.as_ref().is_none_or(|(most, _)| kept > *most) {
                        best = Some((kept, candidate));
                    }
                }
            }
        });
        added.push(quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
                where
                    D: ::serde::Deserializer<'de>,
                {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let total = super::untagged::values(&value);
                    let mut best: ::std::option::Option<(usize, Self)> = None;
                    #(#tries)*
                    best.map(|(_, found)| found)
                        .ok_or_else(|| <D::Error as ::serde::de::Error>::custom(#message))
                }
            }
        });
    }
    if added.is_empty() {
        return false;
    }
    for tokens in added {
        if let Ok(item) = syn::parse2::<Item>(tokens) {
            items.push(item);
        }
    }
    true
}

/// The helper module the rewritten impls call, placed beside `mod types`.
pub fn helper() -> Item {
    syn::parse_quote! {
        /// Support for untagged enums that pick the variant keeping the data (see
        /// `xtask/src/adapt_untagged.rs`).
        mod untagged {
            /// Data-bearing nodes in `value`: every scalar other than `null`, and every key or
            /// item holding something, so `{"list": [{}]}` counts too.
            pub(super) fn values(value: &::serde_json::Value) -> usize {
                match value {
                    ::serde_json::Value::Null => 0,
                    ::serde_json::Value::Array(items) => items.iter().map(|v| 1 + values(v)).sum(),
                    ::serde_json::Value::Object(map) => map
                        .values()
                        .filter(|v| !v.is_null())
                        .map(|v| 1 + values(v))
                        .sum(),
                    _ => 1,
                }
            }

            /// How many of `input`'s data-bearing values `candidate` writes back unchanged.
            pub(super) fn kept<T: ::serde::Serialize>(input: &::serde_json::Value, candidate: &T) -> usize {
                match ::serde_json::to_value(candidate) {
                    Ok(output) => same(input, &output),
                    Err(_) => 0,
                }
            }

            fn same(input: &::serde_json::Value, output: &::serde_json::Value) -> usize {
                use ::serde_json::Value;
                match (input, output) {
                    (Value::Null, _) => 0,
                    (Value::Object(a), Value::Object(b)) => a
                        .iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| b.get(k).filter(|w| !w.is_null()).map_or(0, |w| 1 + same(v, w)))
                        .sum(),
                    (Value::Array(a), Value::Array(b)) => {
                        a.iter().zip(b).map(|(v, w)| 1 + same(v, w)).sum()
                    }
                    (Value::Number(a), Value::Number(b)) => usize::from(a.as_f64() == b.as_f64()),
                    (a, b) => usize::from(a == b),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn types(source: &str) -> Vec<Item> {
        let file: syn::File = syn::parse_str(source).expect("parses");
        file.items
    }

    #[test]
    fn an_untagged_newtype_enum_gets_a_deserialize_that_keeps_the_data() {
        let mut items = types(
            "#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
             #[serde(untagged)]
             pub enum Content { Image(ContentImage), Document(ContentDocument) }",
        );
        assert!(adapt(&mut items));
        let code = items
            .iter()
            .map(|i| i.to_token_stream().to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !code.contains("Deserialize , :: serde :: Serialize"),
            "{code}"
        );
        assert!(
            code.contains("derive (:: serde :: Serialize , Clone , Debug)"),
            "{code}"
        );
        assert!(
            code.contains("impl < 'de > :: serde :: Deserialize < 'de > for Content"),
            "{code}"
        );
        // Both variants are tried, in order, and the one keeping every value wins.
        let image = code.find("Self :: Image (inner)").expect("tries Image");
        let document = code
            .find("Self :: Document (inner)")
            .expect("tries Document");
        assert!(image < document);
        assert!(code.contains("kept == total"), "{code}");
    }

    #[test]
    fn tagged_struct_variant_and_single_variant_enums_stay() {
        for source in [
            "#[derive(::serde::Deserialize)] #[serde(tag = \"type\")] pub enum A { X(X), Y(Y) }",
            "#[derive(::serde::Deserialize)] #[serde(untagged)] pub enum B { X { a: u8 }, Y(Y) }",
            "#[derive(::serde::Deserialize)] #[serde(untagged)] pub enum C { X(X) }",
        ] {
            let mut items = types(source);
            assert!(!adapt(&mut items), "{source}");
        }
    }
}
