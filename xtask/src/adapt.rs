//! Fits progenitor's output to the hand-written runtime before it is printed.
//!
//! progenitor's operations return `progenitor_client::Error`; every provider crate promises
//! its own `Error`. Rather than wrapping 330 operations by hand, each generated `send()` becomes
//! a private `send_unmapped()` and a new `send()` converts its error, naming the provider and
//! operation. progenitor's `Client::new` builds its HTTP client with `unwrap()` and skips the
//! crate's builder, so it is removed and `new_with_client` becomes crate-private.

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use syn::{GenericArgument, ImplItem, Item, PathArguments, ReturnType, Type};

/// Applies every adaptation to `file`, generated for `provider`.
pub fn adapt(file: &mut syn::File, provider: &str) -> Result<(), String> {
    let mut untagged = false;
    for item in &mut file.items {
        match item {
            Item::Mod(module) if module.ident == "types" => {
                if let Some((_, items)) = &mut module.content {
                    untagged |= crate::adapt_untagged::adapt(items);
                }
            }
            Item::Impl(block) if is_client(&block.self_ty) && block.trait_.is_none() => {
                constructors(block);
            }
            Item::Mod(module) if module.ident == "builder" => {
                let Some((_, items)) = &mut module.content else {
                    continue;
                };
                for item in items {
                    if let Item::Impl(block) = item {
                        map_send_error(block, provider)?;
                    }
                }
            }
            _ => {}
        }
    }
    if untagged {
        file.items.push(crate::adapt_untagged::helper());
    }
    Ok(())
}

fn is_client(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("Client"))
}

fn constructors(block: &mut syn::ItemImpl) {
    block
        .items
        .retain(|item| !matches!(item, ImplItem::Fn(f) if f.sig.ident == "new"));
    for item in &mut block.items {
        if let ImplItem::Fn(f) = item
            && f.sig.ident == "new_with_client"
        {
            f.vis = syn::parse_quote!(pub(crate));
        }
    }
}

fn map_send_error(block: &mut syn::ItemImpl, provider: &str) -> Result<(), String> {
    let Some(position) = block
        .items
        .iter()
        .position(|item| matches!(item, ImplItem::Fn(f) if f.sig.ident == "send"))
    else {
        return Ok(());
    };
    let ImplItem::Fn(original) = &mut block.items[position] else {
        return Ok(());
    };
    let (ok, error) = result_types(&original.sig.output).ok_or_else(|| {
        format!(
            "`send` of `{}` does not return Result<_, Error<_>>",
            block.self_ty.to_token_stream()
        )
    })?;
    let operation = operation_id(&original.block.to_token_stream()).ok_or_else(|| {
        format!(
            "`send` of `{}` names no operation_id",
            block.self_ty.to_token_stream()
        )
    })?;
    let docs: Vec<_> = original
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .cloned()
        .collect();
    original.sig.ident = format_ident!("send_unmapped");
    original.vis = syn::Visibility::Inherited;
    original.attrs.retain(|a| !a.path().is_ident("doc"));
    let convert = if is_byte_stream(&error) {
        quote!(from_generated_stream)
    } else {
        quote!(from_generated)
    };
    let wrapper: ImplItem = syn::parse_quote! {
        #(#docs)*
        pub async fn send(self) -> Result<#ok, ::whatsapp_sdk_runtime::Error> {
            match self.send_unmapped().await {
                Ok(value) => Ok(value),
                Err(error) => Err(::whatsapp_sdk_runtime::Error::#convert(#provider, #operation, error).await),
            }
        }
    };
    block.items.insert(position, wrapper);
    Ok(())
}

/// `T` and `E` of `Result<T, Error<E>>`.
fn result_types(output: &ReturnType) -> Option<(Type, Type)> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let [ok, err] = generic_args(ty, "Result")?;
    let [inner] = generic_args(&err, "Error")?;
    Some((ok, inner))
}

fn generic_args<const N: usize>(ty: &Type, name: &str) -> Option<[Type; N]> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let types: Vec<Type> = args
        .args
        .iter()
        .filter_map(|a| match a {
            GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    types.try_into().ok()
}

fn is_byte_stream(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "ByteStream"))
}

/// The string in `operation_id: "..."` inside the method body.
fn operation_id(tokens: &TokenStream) -> Option<String> {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "operation_id" => {
                if let (Some(TokenTree::Punct(colon)), Some(TokenTree::Literal(literal))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                    && colon.as_char() == ':'
                {
                    let text = literal.to_string();
                    return text
                        .strip_prefix('"')
                        .and_then(|t| t.strip_suffix('"'))
                        .map(str::to_owned);
                }
            }
            TokenTree::Group(group) => {
                if let Some(found) = operation_id(&group.stream()) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adapted(source: &str) -> String {
        let mut file: syn::File = syn::parse_str(source).expect("test source parses");
        adapt(&mut file, "cloud").expect("adapts");
        prettyplease::unparse(&file)
    }

    #[test]
    fn send_converts_its_error_and_keeps_its_docs() {
        let out = adapted(
            r#"pub mod builder {
                impl<'a> SendMessage<'a> {
                    ///Sends a `POST` request
                    pub async fn send(self) -> Result<ResponseValue<types::Sent>, Error<types::ErrorResponse>> {
                        let info = OperationInfo { operation_id: "send_message" };
                        todo!()
                    }
                }
                impl<'a> Download<'a> {
                    pub async fn send(self) -> Result<ResponseValue<ByteStream>, Error<ByteStream>> {
                        let info = OperationInfo { operation_id: "download" };
                        todo!()
                    }
                }
            }"#,
        );
        assert!(
            out.contains("///Sends a `POST` request\n        pub async fn send(\n"),
            "{out}"
        );
        let compact: String = out.split_whitespace().collect();
        assert!(
            compact.contains(r#"Error::from_generated("cloud","send_message",error,).await"#),
            "{out}"
        );
        assert!(
            compact.contains(r#"Error::from_generated_stream("cloud","download",error,).await"#),
            "{out}"
        );
        assert!(
            compact.contains("->Result<ResponseValue<types::Sent>,::whatsapp_sdk_runtime::Error>"),
            "{out}"
        );
        assert!(out.contains("async fn send_unmapped(\n"), "{out}");
        assert!(!out.contains("pub async fn send_unmapped"), "{out}");
        assert_eq!(out.matches("///Sends").count(), 1, "{out}");
    }

    #[test]
    fn panicking_constructor_is_removed_and_the_other_is_private() {
        let out = adapted(
            "impl Client {
                pub fn new(baseurl: &str) -> Self { todo!() }
                pub fn new_with_client(baseurl: &str, client: reqwest::Client) -> Self { todo!() }
            }",
        );
        assert!(!out.contains("fn new("), "{out}");
        assert!(out.contains("pub(crate) fn new_with_client("), "{out}");
    }

    #[test]
    fn send_without_operation_id_is_an_error() {
        let mut file: syn::File = syn::parse_str(
            "pub mod builder { impl X { pub async fn send(self) -> Result<ResponseValue<()>, Error<()>> { todo!() } } }",
        )
        .expect("parses");
        let error = adapt(&mut file, "cloud").expect_err("no operation id");
        assert!(error.contains("names no operation_id"), "{error}");
    }
}
