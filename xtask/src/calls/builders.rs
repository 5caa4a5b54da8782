//! What the generated code offers per operation: the `Client` method, its builder's setters
//! and their types, read from the same syntax tree `generated.rs` is printed from.

use quote::ToTokens;
use syn::{Fields, GenericArgument, ImplItem, Item, PathArguments, ReturnType, Type};

/// One generated operation as callers see it.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// `Client` method, which is also the snake_case operation id.
    pub method: String,
    /// The builder's setters, in declaration order.
    pub setters: Vec<Setter>,
    /// What a success decodes into (`types::SendMessageResponse`), from `send_unmapped`.
    pub success: Option<String>,
    /// What an error body decodes into, from `send_unmapped`'s `Error<E>`.
    pub error: Option<String>,
}

/// One builder setter.
#[derive(Debug, Clone)]
pub(crate) struct Setter {
    /// Setter (and field) name.
    pub name: String,
    /// The type its argument converts into, as Rust source relative to the crate root.
    pub ty: String,
    /// Whether the operation can be sent without it.
    pub optional: bool,
}

/// Every operation in a generated file.
pub(crate) fn operations(file: &syn::File) -> Vec<Operation> {
    let mut methods = Vec::new();
    let mut structs = std::collections::BTreeMap::new();
    let mut answers = std::collections::BTreeMap::new();
    for item in &file.items {
        match item {
            Item::Impl(block) if block.trait_.is_none() && is_client(&block.self_ty) => {
                for item in &block.items {
                    if let ImplItem::Fn(f) = item
                        && let Some(name) = builder_name(&f.sig.output)
                    {
                        methods.push((f.sig.ident.to_string(), name));
                    }
                }
            }
            Item::Mod(module) if module.ident == "builder" => {
                for item in module.content.iter().flat_map(|(_, items)| items) {
                    if let Item::Struct(s) = item
                        && let Fields::Named(fields) = &s.fields
                    {
                        let setters = fields
                            .named
                            .iter()
                            .filter_map(|f| setter(f.ident.as_ref()?.to_string(), &f.ty))
                            .collect::<Vec<_>>();
                        structs.insert(s.ident.to_string(), setters);
                    }
                    if let Item::Impl(block) = item
                        && let Type::Path(owner) = block.self_ty.as_ref()
                        && let Some(owner) = owner.path.segments.last()
                    {
                        for item in &block.items {
                            if let ImplItem::Fn(f) = item
                                && f.sig.ident == "send_unmapped"
                            {
                                answers
                                    .insert(owner.ident.to_string(), answer_types(&f.sig.output));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    methods
        .into_iter()
        .filter_map(|(method, name)| {
            let (success, error) = answers.get(&name).cloned().unwrap_or_default();
            Some(Operation {
                method,
                setters: structs.get(&name)?.clone(),
                success,
                error,
            })
        })
        .collect()
}

fn is_client(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("Client"))
}

/// `Name` of a `-> builder::Name<'_>` return type.
fn builder_name(output: &ReturnType) -> Option<String> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let Type::Path(path) = ty.as_ref() else {
        return None;
    };
    let segments: Vec<_> = path.path.segments.iter().collect();
    match segments.as_slice() {
        [module, name] if module.ident == "builder" => Some(name.ident.to_string()),
        _ => None,
    }
}

/// `T` and `E` of `-> Result<ResponseValue<T>, Error<E>>`, as source relative to the crate root.
fn answer_types(output: &ReturnType) -> (Option<String>, Option<String>) {
    let ReturnType::Type(_, ty) = output else {
        return (None, None);
    };
    let Some([ok, err]) = generic_args::<2>(ty, "Result") else {
        return (None, None);
    };
    let source = |t: [Type; 1]| {
        let [t] = t;
        t.to_token_stream().to_string().replace(' ', "")
    };
    (
        generic_args::<1>(&ok, "ResponseValue").map(source),
        generic_args::<1>(&err, "Error").map(source),
    )
}

/// A field `name: Result<T, String>` as a setter; the `client` field and others are not.
fn setter(name: String, ty: &Type) -> Option<Setter> {
    let [inner, _] = generic_args::<2>(ty, "Result")?;
    let (inner, optional) = match generic_args::<1>(&inner, "Option") {
        Some([t]) => (t, true),
        None => (inner, false),
    };
    let mut ty = inner.to_token_stream().to_string().replace(' ', "");
    // A body field holds typify's builder; its setter takes the type itself.
    if let Some(rest) = ty.strip_prefix("types::builder::") {
        ty = format!("types::{rest}");
    }
    ty = ty.replace("super::", "");
    Some(Setter { name, ty, optional })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_methods_setters_and_types() {
        let file: syn::File = syn::parse_str(
            "impl Client { pub fn send_message(&self) -> builder::SendMessage<'_> { todo!() } }
             pub mod builder {
                 pub struct SendMessage<'a> {
                     client: &'a super::Client,
                     phone_number_id: Result<::std::string::String, String>,
                     limit: Result<Option<::std::num::NonZeroU32>, String>,
                     body: Result<types::builder::SendMessageRequest, String>,
                 }
             }",
        )
        .expect("parses");
        let ops = operations(&file);
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].method, "send_message");
        let setters: Vec<_> = ops[0]
            .setters
            .iter()
            .map(|s| (s.name.as_str(), s.ty.as_str(), s.optional))
            .collect();
        assert_eq!(
            setters,
            [
                ("phone_number_id", "::std::string::String", false),
                ("limit", "::std::num::NonZeroU32", true),
                ("body", "types::SendMessageRequest", false),
            ]
        );
    }
}
