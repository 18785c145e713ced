//! `URL` and `URLSearchParams` from the WHATWG URL Standard.
//!
//! Parsing and the attribute getters and setters are the `url` crate's, which implements the
//! standard's parser; its `quirks` module has exactly the API's setter semantics (invalid values
//! are ignored, except for `href`, which throws).
//!
//! A URL and its `searchParams` stay linked both ways, as in the standard: the URL holds the
//! params object and the params hold the URL. Changing the URL's query (`href`, `search`)
//! re-parses the params' list; changing the list re-serializes it into the URL's query (the
//! standard's "update steps"). Both sides are traced, so the cycle is collected like any other.
//! The params object is created on first access to `searchParams`: nothing can observe it before.
//!
//! Methods whose arguments convert with `ToString` (which can run JS) take the class handle and
//! borrow it only after converting, so a `toString` that touches the same object cannot find it
//! borrowed.

use std::cmp::Ordering;

use ::url::form_urlencoded;
use ::url::quirks;
use rquickjs::atom::PredefinedAtom;
use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::object::{Filter, Property};
use rquickjs::{
    Atom, Class, Ctx, Exception, FromJs, Function, IntoJs, JsLifetime, Object, Result, Value,
};

use super::{UsvString, collect_iterable, present, require_new};

pub(crate) fn install(ctx: &Ctx<'_>) -> Result<()> {
    if let Some(constructor) = super::define_class::<Url>(ctx)? {
        // WebIDL: a constructor's length is its number of required arguments.
        constructor.set_length(1)?;
    }
    super::define_class::<UrlSearchParams>(ctx)?;
    // A pair iterable's `[Symbol.iterator]` is the very `entries` function (WebIDL).
    if let Some(prototype) = Class::<UrlSearchParams>::prototype(ctx)? {
        let entries: Value = prototype.get("entries")?;
        prototype.prop(
            PredefinedAtom::SymbolIterator,
            Property::from(entries).writable().configurable(),
        )?;
    }
    // WebIDL iterators inherit from %IteratorPrototype% (`[Symbol.iterator]() { return this }`
    // and the iterator helpers).
    let iterator_prototype: Object = ctx
        .globals()
        .get::<_, Object>(PredefinedAtom::Iterator)?
        .get(PredefinedAtom::Prototype)?;
    if let Some(prototype) = Class::<UrlSearchParamsIterator>::prototype(ctx)? {
        prototype.set_prototype(Some(&iterator_prototype))?;
        super::name_functions(ctx, &prototype)?;
    }
    Ok(())
}

/// Parses `input` against `base` (itself parsed first), as the `URL` constructor does.
fn parse(input: &str, base: Option<&str>) -> Option<::url::Url> {
    let base = match base {
        Some(base) => Some(::url::Url::parse(base).ok()?),
        None => None,
    };
    ::url::Url::options()
        .base_url(base.as_ref())
        .parse(input)
        .ok()
}

/// Converts the `(url, base)` arguments of the constructor and the static methods.
fn parse_arguments<'js>(
    ctx: &Ctx<'js>,
    url: Value<'js>,
    base: Option<Value<'js>>,
) -> Result<Option<::url::Url>> {
    let url = UsvString::from_js(ctx, url)?.0;
    let base = match present(base) {
        Some(base) => Some(UsvString::from_js(ctx, base)?.0),
        None => None,
    };
    Ok(parse(&url, base.as_deref()))
}

fn invalid_url(ctx: &Ctx<'_>) -> rquickjs::Error {
    Exception::throw_type(ctx, "Invalid URL")
}

/// A URL's query as a name-value list (the urlencoded parser; no query is an empty list).
fn query_list(url: &::url::Url) -> Vec<(String, String)> {
    url.query()
        .map(|query| {
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default()
}

/// The urlencoded serialization of a name-value list.
fn serialize(list: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(list)
        .finish()
}

/// A `URL`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "URL")]
pub(crate) struct Url<'js> {
    #[qjs(skip_trace)]
    url: ::url::Url,
    /// The `searchParams` object, once created; its list mirrors `url`'s query.
    search_params: Option<Class<'js, UrlSearchParams<'js>>>,
}

impl<'js> Url<'js> {
    fn new_instance(ctx: &Ctx<'js>, url: ::url::Url) -> Result<Class<'js, Self>> {
        Class::instance(
            ctx.clone(),
            Url {
                url,
                search_params: None,
            },
        )
    }

    /// Applies a change to the URL, then re-parses the linked params from the new query.
    fn update<R>(this: &Class<'js, Self>, change: impl FnOnce(&mut ::url::Url) -> R) -> Result<R> {
        let (result, params, list) = {
            let mut this = this.try_borrow_mut()?;
            let result = change(&mut this.url);
            let list = query_list(&this.url);
            (result, this.search_params.clone(), list)
        };
        if let Some(params) = params {
            params.try_borrow_mut()?.list = list;
        }
        Ok(result)
    }
}

#[rquickjs::methods]
impl<'js> Url<'js> {
    /// `new URL(url, base)`: throws a TypeError when either does not parse.
    #[qjs(constructor)]
    fn new(
        ctx: Ctx<'js>,
        this: This<Value<'js>>,
        url: Value<'js>,
        base: Opt<Value<'js>>,
    ) -> Result<Self> {
        require_new(&ctx, &this.0, "URL")?;
        let url = parse_arguments(&ctx, url, base.0)?.ok_or_else(|| invalid_url(&ctx))?;
        Ok(Url {
            url,
            search_params: None,
        })
    }

    /// `URL.canParse(url, base)`: whether the constructor would succeed.
    #[qjs(static, rename = "canParse")]
    fn can_parse(ctx: Ctx<'js>, url: Value<'js>, base: Opt<Value<'js>>) -> Result<bool> {
        Ok(parse_arguments(&ctx, url, base.0)?.is_some())
    }

    /// `URL.parse(url, base)`: a new URL, or `null` where the constructor would throw.
    #[qjs(static)]
    fn parse(ctx: Ctx<'js>, url: Value<'js>, base: Opt<Value<'js>>) -> Result<Value<'js>> {
        let url = match parse_arguments(&ctx, url, base.0)? {
            Some(url) => Some(Url::new_instance(&ctx, url)?),
            None => None,
        };
        or_null(&ctx, url)
    }

    #[qjs(get, enumerable, configurable)]
    fn href(&self) -> String {
        self.url.as_str().to_owned()
    }

    #[qjs(set, rename = "href", enumerable, configurable)]
    fn set_href(this: This<Class<'js, Self>>, ctx: Ctx<'js>, value: UsvString) -> Result<()> {
        let parsed = Url::update(&this.0, |url| quirks::set_href(url, &value.0))?;
        parsed.map_err(|_| invalid_url(&ctx))
    }

    #[qjs(get, enumerable, configurable)]
    fn origin(&self) -> String {
        quirks::origin(&self.url)
    }

    #[qjs(get, enumerable, configurable)]
    fn protocol(&self) -> String {
        quirks::protocol(&self.url).to_owned()
    }

    #[qjs(set, rename = "protocol", enumerable, configurable)]
    fn set_protocol(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        let _ = quirks::set_protocol(&mut this.0.try_borrow_mut()?.url, &value.0);
        Ok(())
    }

    #[qjs(get, enumerable, configurable)]
    fn username(&self) -> String {
        quirks::username(&self.url).to_owned()
    }

    #[qjs(set, rename = "username", enumerable, configurable)]
    fn set_username(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        let _ = quirks::set_username(&mut this.0.try_borrow_mut()?.url, &value.0);
        Ok(())
    }

    #[qjs(get, enumerable, configurable)]
    fn password(&self) -> String {
        quirks::password(&self.url).to_owned()
    }

    #[qjs(set, rename = "password", enumerable, configurable)]
    fn set_password(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        let _ = quirks::set_password(&mut this.0.try_borrow_mut()?.url, &value.0);
        Ok(())
    }

    #[qjs(get, enumerable, configurable)]
    fn host(&self) -> String {
        quirks::host(&self.url).to_owned()
    }

    #[qjs(set, rename = "host", enumerable, configurable)]
    fn set_host(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        let _ = quirks::set_host(&mut this.0.try_borrow_mut()?.url, &value.0);
        Ok(())
    }

    #[qjs(get, enumerable, configurable)]
    fn hostname(&self) -> String {
        quirks::hostname(&self.url).to_owned()
    }

    #[qjs(set, rename = "hostname", enumerable, configurable)]
    fn set_hostname(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        let _ = quirks::set_hostname(&mut this.0.try_borrow_mut()?.url, &value.0);
        Ok(())
    }

    #[qjs(get, enumerable, configurable)]
    fn port(&self) -> String {
        quirks::port(&self.url).to_owned()
    }

    #[qjs(set, rename = "port", enumerable, configurable)]
    fn set_port(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        let _ = quirks::set_port(&mut this.0.try_borrow_mut()?.url, &value.0);
        Ok(())
    }

    #[qjs(get, enumerable, configurable)]
    fn pathname(&self) -> String {
        quirks::pathname(&self.url).to_owned()
    }

    #[qjs(set, rename = "pathname", enumerable, configurable)]
    fn set_pathname(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        quirks::set_pathname(&mut this.0.try_borrow_mut()?.url, &value.0);
        Ok(())
    }

    #[qjs(get, enumerable, configurable)]
    fn search(&self) -> String {
        quirks::search(&self.url).to_owned()
    }

    #[qjs(set, rename = "search", enumerable, configurable)]
    fn set_search(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        Url::update(&this.0, |url| quirks::set_search(url, &value.0))
    }

    #[qjs(get, enumerable, configurable)]
    fn hash(&self) -> String {
        quirks::hash(&self.url).to_owned()
    }

    #[qjs(set, rename = "hash", enumerable, configurable)]
    fn set_hash(this: This<Class<'js, Self>>, value: UsvString) -> Result<()> {
        quirks::set_hash(&mut this.0.try_borrow_mut()?.url, &value.0);
        Ok(())
    }

    /// The same `URLSearchParams` object on every access, linked to this URL.
    #[qjs(get, rename = "searchParams", enumerable, configurable)]
    fn search_params(
        this: This<Class<'js, Self>>,
        ctx: Ctx<'js>,
    ) -> Result<Class<'js, UrlSearchParams<'js>>> {
        let mut url = this.0.try_borrow_mut()?;
        if let Some(params) = &url.search_params {
            return Ok(params.clone());
        }
        let params = Class::instance(
            ctx,
            UrlSearchParams {
                list: query_list(&url.url),
                url: Some(this.0.clone()),
            },
        )?;
        url.search_params = Some(params.clone());
        Ok(params)
    }

    #[qjs(rename = PredefinedAtom::ToString)]
    fn stringify(&self) -> String {
        self.href()
    }

    #[qjs(rename = "toJSON")]
    fn to_json(&self) -> String {
        self.href()
    }

    #[qjs(prop, rename = PredefinedAtom::SymbolToStringTag, configurable)]
    fn to_string_tag() -> &'static str {
        "URL"
    }
}

/// A `URLSearchParams`: an ordered list of name-value pairs.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "URLSearchParams")]
pub(crate) struct UrlSearchParams<'js> {
    #[qjs(skip_trace)]
    list: Vec<(String, String)>,
    /// The URL whose query this list is, for `url.searchParams`.
    url: Option<Class<'js, Url<'js>>>,
}

impl<'js> UrlSearchParams<'js> {
    /// Applies a change to the list, then writes it back into the linked URL's query (the
    /// standard's "update steps"; an empty list removes the query, `?` included).
    fn update<R>(
        this: &Class<'js, Self>,
        change: impl FnOnce(&mut Vec<(String, String)>) -> R,
    ) -> Result<R> {
        let (result, url, query) = {
            let mut this = this.try_borrow_mut()?;
            let result = change(&mut this.list);
            (result, this.url.clone(), serialize(&this.list))
        };
        if let Some(url) = url {
            let query = (!query.is_empty()).then_some(query.as_str());
            url.try_borrow_mut()?.url.set_query(query);
        }
        Ok(result)
    }
}

#[rquickjs::methods]
impl<'js> UrlSearchParams<'js> {
    /// `new URLSearchParams(init = "")`: `init` is a query string (a leading `?` is ignored),
    /// an iterable of `[name, value]` pairs (another `URLSearchParams` included), or a record
    /// of names to values.
    #[qjs(constructor)]
    fn new(ctx: Ctx<'js>, this: This<Value<'js>>, init: Opt<Value<'js>>) -> Result<Self> {
        require_new(&ctx, &this.0, "URLSearchParams")?;
        let list = match present(init.0) {
            Some(init) => init_list(&ctx, init)?,
            None => Vec::new(),
        };
        Ok(UrlSearchParams { list, url: None })
    }

    fn append(this: This<Class<'js, Self>>, name: UsvString, value: UsvString) -> Result<()> {
        Self::update(&this.0, |list| list.push((name.0, value.0)))
    }

    /// `delete(name, value)`: removes every pair with this name (and this value, if given).
    fn delete(
        this: This<Class<'js, Self>>,
        ctx: Ctx<'js>,
        name: UsvString,
        value: Opt<Value<'js>>,
    ) -> Result<()> {
        let value = optional_usv(&ctx, value)?;
        Self::update(&this.0, |list| {
            list.retain(|pair| !matches(pair, &name.0, value.as_deref()));
        })
    }

    /// The value of the first pair with this name, or `null`.
    fn get(this: This<Class<'js, Self>>, ctx: Ctx<'js>, name: UsvString) -> Result<Value<'js>> {
        let value = this
            .0
            .try_borrow()?
            .list
            .iter()
            .find(|(n, _)| *n == name.0)
            .map(|(_, v)| v.clone());
        or_null(&ctx, value)
    }

    #[qjs(rename = "getAll")]
    fn get_all(this: This<Class<'js, Self>>, name: UsvString) -> Result<Vec<String>> {
        let params = this.0.try_borrow()?;
        Ok(params
            .list
            .iter()
            .filter(|(n, _)| *n == name.0)
            .map(|(_, v)| v.clone())
            .collect())
    }

    /// `has(name, value)`: whether a pair with this name (and this value, if given) exists.
    fn has(
        this: This<Class<'js, Self>>,
        ctx: Ctx<'js>,
        name: UsvString,
        value: Opt<Value<'js>>,
    ) -> Result<bool> {
        let value = optional_usv(&ctx, value)?;
        let params = this.0.try_borrow()?;
        Ok(params
            .list
            .iter()
            .any(|pair| matches(pair, &name.0, value.as_deref())))
    }

    /// `set(name, value)`: the first pair with this name gets the value and the others go;
    /// without such a pair, one is appended.
    fn set(this: This<Class<'js, Self>>, name: UsvString, value: UsvString) -> Result<()> {
        Self::update(&this.0, |list| set(list, name.0, value.0))
    }

    /// Sorts the pairs by name, comparing UTF-16 code units; equal names keep their order.
    fn sort(this: This<Class<'js, Self>>) -> Result<()> {
        Self::update(&this.0, |list| list.sort_by(|a, b| utf16_cmp(&a.0, &b.0)))
    }

    #[qjs(rename = PredefinedAtom::ToString)]
    fn stringify(&self) -> String {
        serialize(&self.list)
    }

    #[qjs(get, enumerable, configurable)]
    fn size(&self) -> usize {
        self.list.len()
    }

    /// `forEach(callback, thisArg)`: calls `callback(value, name, params)` for each pair. The
    /// list is read afresh at each step, so changes the callback makes are seen.
    #[qjs(rename = "forEach")]
    fn for_each(
        this: This<Class<'js, Self>>,
        ctx: Ctx<'js>,
        callback: Value<'js>,
        this_arg: Opt<Value<'js>>,
    ) -> Result<()> {
        let Some(callback) = callback.into_function() else {
            return Err(Exception::throw_type(
                &ctx,
                "URLSearchParams.forEach: the callback must be a function",
            ));
        };
        let this_arg = this_arg
            .0
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let mut index = 0;
        loop {
            let Some((name, value)) = this.0.try_borrow()?.list.get(index).cloned() else {
                return Ok(());
            };
            callback.call::<_, ()>((This(this_arg.clone()), value, name, this.0.clone()))?;
            index += 1;
        }
    }

    fn entries(
        this: This<Class<'js, Self>>,
        ctx: Ctx<'js>,
    ) -> Result<Class<'js, UrlSearchParamsIterator<'js>>> {
        UrlSearchParamsIterator::new(ctx, this.0, IterationKind::Entries)
    }

    fn keys(
        this: This<Class<'js, Self>>,
        ctx: Ctx<'js>,
    ) -> Result<Class<'js, UrlSearchParamsIterator<'js>>> {
        UrlSearchParamsIterator::new(ctx, this.0, IterationKind::Keys)
    }

    fn values(
        this: This<Class<'js, Self>>,
        ctx: Ctx<'js>,
    ) -> Result<Class<'js, UrlSearchParamsIterator<'js>>> {
        UrlSearchParamsIterator::new(ctx, this.0, IterationKind::Values)
    }

    #[qjs(prop, rename = PredefinedAtom::SymbolToStringTag, configurable)]
    fn to_string_tag() -> &'static str {
        "URLSearchParams"
    }
}

/// A value, or `null` (which WebIDL's nullable types return, where rquickjs would give
/// `undefined` for `None`).
fn or_null<'js, T: IntoJs<'js>>(ctx: &Ctx<'js>, value: Option<T>) -> Result<Value<'js>> {
    match value {
        Some(value) => value.into_js(ctx),
        None => Ok(Value::new_null(ctx.clone())),
    }
}

/// Converts an optional `USVString` argument (absent or `undefined` is `None`).
fn optional_usv<'js>(ctx: &Ctx<'js>, value: Opt<Value<'js>>) -> Result<Option<String>> {
    match present(value.0) {
        Some(value) => Ok(Some(UsvString::from_js(ctx, value)?.0)),
        None => Ok(None),
    }
}

/// Whether a pair has this name and, when a value is given, this value.
fn matches(pair: &(String, String), name: &str, value: Option<&str>) -> bool {
    pair.0 == name && value.is_none_or(|value| pair.1 == value)
}

/// `set`'s list operation: the first pair named `name` gets `value`, later ones are removed.
fn set(list: &mut Vec<(String, String)>, name: String, value: String) {
    match list.iter().position(|(n, _)| *n == name) {
        Some(first) => {
            list[first].1 = value;
            let mut index = 0;
            list.retain(|(n, _)| {
                index += 1;
                index - 1 <= first || *n != name
            });
        }
        None => list.push((name, value)),
    }
}

/// Orders strings by their UTF-16 code units, as JS compares strings (UTF-8 byte order differs
/// for characters beyond the BMP against U+E000..U+FFFF).
fn utf16_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The list a `URLSearchParams` constructor argument describes.
fn init_list<'js>(ctx: &Ctx<'js>, init: Value<'js>) -> Result<Vec<(String, String)>> {
    let Some(object) = init.as_object() else {
        let query = UsvString::from_js(ctx, init)?.0;
        let query = query.strip_prefix('?').unwrap_or(&query);
        return Ok(form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect());
    };
    // WebIDL's union conversion: an object with `@@iterator` is a sequence, any other a record.
    if let Some(method) = iterator_method(ctx, object, "URLSearchParams: init")? {
        let mut list = Vec::new();
        for pair in collect_iterable(ctx, init.clone(), method)? {
            let values = match pair.as_object() {
                Some(object) => match iterator_method(ctx, object, "URLSearchParams: a pair")? {
                    Some(method) => collect_iterable(ctx, pair.clone(), method)?,
                    None => Vec::new(),
                },
                None => Vec::new(),
            };
            let [name, value]: [Value<'js>; 2] = values.try_into().map_err(|_| {
                Exception::throw_type(
                    ctx,
                    "Each query pair must be an iterable [name, value] tuple",
                )
            })?;
            list.push((
                UsvString::from_js(ctx, name)?.0,
                UsvString::from_js(ctx, value)?.0,
            ));
        }
        return Ok(list);
    }
    let mut list: Vec<(String, String)> = Vec::new();
    for key in object.own_keys::<Atom<'js>>(Filter::new().string().enum_only()) {
        let key = key?;
        let name = UsvString::from_js(ctx, key.to_value()?)?.0;
        let value = UsvString::from_js(ctx, object.get(key)?)?.0;
        // Two keys that differ only in lone surrogates become the same name; the record keeps
        // the first position and the last value.
        let existing = if name.contains(char::REPLACEMENT_CHARACTER) {
            list.iter_mut().find(|(n, _)| *n == name)
        } else {
            None
        };
        match existing {
            Some(pair) => pair.1 = value,
            None => list.push((name, value)),
        }
    }
    // Symbol keys come after string keys, and WebIDL's record conversion fails on the first
    // enumerable one (a symbol is no `USVString`).
    if let Some(key) = object
        .own_keys::<Atom<'js>>(Filter::new().symbol().enum_only())
        .next()
    {
        key?;
        return Err(Exception::throw_type(
            ctx,
            "URLSearchParams: a record's keys must be strings, not symbols",
        ));
    }
    Ok(list)
}

/// An object's `@@iterator` method: `None` when it has none, a TypeError if it is not callable.
fn iterator_method<'js>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
    what: &str,
) -> Result<Option<Function<'js>>> {
    let method: Value<'js> = object.get(PredefinedAtom::SymbolIterator)?;
    if method.is_undefined() || method.is_null() {
        return Ok(None);
    }
    match method.into_function() {
        Some(method) => Ok(Some(method)),
        None => Err(Exception::throw_type(
            ctx,
            &format!("{what}[Symbol.iterator] is not a function"),
        )),
    }
}

/// What a `URLSearchParams` iterator yields.
#[derive(Clone, Copy)]
enum IterationKind {
    Entries,
    Keys,
    Values,
}

/// The iterator `entries()`, `keys()` and `values()` return. It reads the live list at each
/// step, like every WebIDL pair iterator.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "URLSearchParams Iterator")]
pub(crate) struct UrlSearchParamsIterator<'js> {
    params: Class<'js, UrlSearchParams<'js>>,
    #[qjs(skip_trace)]
    kind: IterationKind,
    #[qjs(skip_trace)]
    index: usize,
}

impl<'js> UrlSearchParamsIterator<'js> {
    fn new(
        ctx: Ctx<'js>,
        params: Class<'js, UrlSearchParams<'js>>,
        kind: IterationKind,
    ) -> Result<Class<'js, Self>> {
        Class::instance(
            ctx,
            UrlSearchParamsIterator {
                params,
                kind,
                index: 0,
            },
        )
    }
}

#[rquickjs::methods]
impl<'js> UrlSearchParamsIterator<'js> {
    fn next(&mut self, ctx: Ctx<'js>) -> Result<Object<'js>> {
        let pair = self.params.try_borrow()?.list.get(self.index).cloned();
        let result = Object::new(ctx.clone())?;
        match pair {
            Some((name, value)) => {
                self.index += 1;
                let value = match self.kind {
                    IterationKind::Keys => name.into_js(&ctx)?,
                    IterationKind::Values => value.into_js(&ctx)?,
                    IterationKind::Entries => vec![name, value].into_js(&ctx)?,
                };
                result.set(PredefinedAtom::Value, value)?;
                result.set(PredefinedAtom::Done, false)?;
            }
            None => {
                result.set(PredefinedAtom::Value, Value::new_undefined(ctx))?;
                result.set(PredefinedAtom::Done, true)?;
            }
        }
        Ok(result)
    }

    #[qjs(prop, rename = PredefinedAtom::SymbolToStringTag, configurable)]
    fn to_string_tag() -> &'static str {
        "URLSearchParams Iterator"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn urlencoded_round_trip() {
        let list = pairs(&[("a b", "c&d"), ("é", "="), ("", "")]);
        let query = serialize(&list);
        assert_eq!(query, "a+b=c%26d&%C3%A9=%3D&=");
        let parsed: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(parsed, list);
    }

    #[test]
    fn set_keeps_the_first_pair_and_drops_the_rest() {
        let mut list = pairs(&[("a", "1"), ("b", "2"), ("a", "3"), ("a", "4")]);
        set(&mut list, "a".into(), "x".into());
        assert_eq!(list, pairs(&[("a", "x"), ("b", "2")]));
        set(&mut list, "c".into(), "y".into());
        assert_eq!(list, pairs(&[("a", "x"), ("b", "2"), ("c", "y")]));
    }

    #[test]
    fn names_compare_by_utf16_code_units() {
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF21.
        assert_eq!(utf16_cmp("\u{1f600}", "\u{ff21}"), Ordering::Less);
        assert_eq!(utf16_cmp("b", "a"), Ordering::Greater);
        assert_eq!(utf16_cmp("a", "ab"), Ordering::Less);
    }

    /// WebIDL converts `null` to the string "null" for this union (browsers agree); node
    /// treats it as no argument, so this is checked here rather than in a fixture.
    #[test]
    fn null_init_is_the_string_null() {
        let query = crate::web::tests::eval("new URLSearchParams(null).toString()");
        assert_eq!(query.unwrap(), "null=");
    }

    #[test]
    fn parsing_against_a_base() {
        assert_eq!(
            parse("../c?x#y", Some("http://h/a/b/")).unwrap().as_str(),
            "http://h/a/c?x#y"
        );
        assert!(parse("/x", Some("not a url")).is_none());
        assert!(parse("nope", None).is_none());
    }
}
