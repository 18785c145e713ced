//! `fetch(input)` for local files, and the `Response` it resolves to.
//!
//! baton has no network stack: `fetch` exists so web-targeted code (Emscripten's
//! `instantiateStreaming(fetch("app.wasm"))`, `fetch("data.json").then(r => r.json())`) runs
//! unchanged on files beside it.
//!
//! - `input` is a URL string, or an object whose `href` (a `URL`) or `url` (a `Request`) is one.
//!   A string is resolved as a URL against the current directory, as a browser resolves it
//!   against the page: `"x.wasm"`, `"dir/x.wasm"`, `"/abs/x.wasm"` and `"file:///abs/x.wasm"` all
//!   work; percent-escapes are decoded, and a `?query` or `#fragment` is not part of the file
//!   name. Any other scheme (`http:`, `https:`, `data:`, ...) rejects with a TypeError: baton's
//!   fetch reads local files only. The `init` argument is accepted and ignored.
//! - The file is read when `fetch` is called; a file that cannot be read rejects the promise with
//!   a TypeError naming the file and the reason (node rejects with TypeError "fetch failed").
//! - The `Response` has `ok` (true), `status` (200), `statusText` ("OK"), `url` (the `file:` URL,
//!   without its fragment), `headers` (`get(name)` and `has(name)`, case-insensitive, with only
//!   `content-type`, chosen from the file's extension), `bodyUsed`, and the body readers
//!   `arrayBuffer()`, `bytes()`, `text()` and `json()`, each returning a promise. The body can be
//!   read once; a second read rejects with a TypeError, as in browsers. There is no `body`
//!   stream, `clone()`, `Request` or `Headers` constructor.
//! - `Response` and `Headers` are not globals: scripts get them only from `fetch`, so feature
//!   tests such as `typeof Response` do not promise a constructible `Response`.
//!
//! `WebAssembly.compileStreaming`/`instantiateStreaming` (see `streaming.rs`) consume a
//! `Response` through [`take_wasm_body`].

use rquickjs::atom::PredefinedAtom;
use rquickjs::class::Trace;
use rquickjs::function::{Opt, Rest};
use rquickjs::object::Property;
use rquickjs::{
    ArrayBuffer, Class, Coerced, Ctx, Exception, FromJs, Function, JsLifetime, Promise, Result,
    TypedArray, Value,
};
use url::Url;

use baton_js::settle;

/// The `Response` of a successful `fetch`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class]
pub(crate) struct Response<'js> {
    headers: Class<'js, Headers>,
    #[qjs(skip_trace)]
    url: String,
    /// The body until it is read; `None` once used.
    #[qjs(skip_trace)]
    body: Option<Vec<u8>>,
}

/// The `headers` of a [`Response`]: a read-only view of its one header, `content-type`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class]
pub(crate) struct Headers {
    #[qjs(skip_trace)]
    content_type: &'static str,
}

/// The status every successful `fetch` of a file has.
const STATUS: u16 = 200;

#[rquickjs::methods]
impl<'js> Response<'js> {
    /// Whether the status is in 200..=299; always true for a file.
    #[qjs(get, enumerable, configurable)]
    fn ok(&self) -> bool {
        (200..300).contains(&STATUS)
    }

    #[qjs(get, enumerable, configurable)]
    fn status(&self) -> u16 {
        STATUS
    }

    #[qjs(get, enumerable, configurable, rename = "statusText")]
    fn status_text(&self) -> &'static str {
        "OK"
    }

    #[qjs(get, enumerable, configurable)]
    fn url(&self) -> String {
        self.url.clone()
    }

    /// The same `Headers` object on every read, as in browsers.
    #[qjs(get, enumerable, configurable)]
    fn headers(&self) -> Class<'js, Headers> {
        self.headers.clone()
    }

    #[qjs(get, enumerable, configurable, rename = "bodyUsed")]
    fn body_used(&self) -> bool {
        self.body.is_none()
    }

    /// A promise of the body as a new `ArrayBuffer`.
    #[qjs(rename = "arrayBuffer")]
    fn array_buffer(&mut self, ctx: Ctx<'js>) -> Result<Promise<'js>> {
        let body = self.take_body(&ctx, "arrayBuffer");
        settle(&ctx, || {
            Ok(ArrayBuffer::new(ctx.clone(), body?)?.into_value())
        })
    }

    /// A promise of the body as a new `Uint8Array`.
    fn bytes(&mut self, ctx: Ctx<'js>) -> Result<Promise<'js>> {
        let body = self.take_body(&ctx, "bytes");
        settle(&ctx, || {
            Ok(TypedArray::<u8>::new(ctx.clone(), body?)?.into_value())
        })
    }

    /// A promise of the body decoded as UTF-8 (a leading BOM dropped, invalid bytes replaced).
    fn text(&mut self, ctx: Ctx<'js>) -> Result<Promise<'js>> {
        let body = self.take_body(&ctx, "text");
        settle(&ctx, || {
            let body = body?;
            Ok(rquickjs::String::from_str(ctx.clone(), &utf8_decode(&body))?.into_value())
        })
    }

    /// A promise of the body parsed as JSON (rejected with the `SyntaxError` of `JSON.parse`).
    fn json(&mut self, ctx: Ctx<'js>) -> Result<Promise<'js>> {
        let body = self.take_body(&ctx, "json");
        settle(&ctx, || ctx.json_parse(utf8_decode(&body?).into_owned()))
    }
}

impl<'js> Response<'js> {
    /// Takes the body, or throws the TypeError for a body that was already read.
    fn take_body(&mut self, ctx: &Ctx<'js>, method: &str) -> Result<Vec<u8>> {
        self.body.take().ok_or_else(|| {
            Exception::throw_type(ctx, &format!("Response.{method}(): body used already"))
        })
    }
}

#[rquickjs::methods]
impl Headers {
    /// The value of header `name` (case-insensitive), or `null`.
    fn get<'js>(&self, ctx: Ctx<'js>, name: Coerced<String>) -> Result<Value<'js>> {
        if self.has(name) {
            Ok(rquickjs::String::from_str(ctx, self.content_type)?.into_value())
        } else {
            Ok(Value::new_null(ctx))
        }
    }

    /// Whether header `name` (case-insensitive) is present.
    fn has(&self, name: Coerced<String>) -> bool {
        name.0.eq_ignore_ascii_case("content-type")
    }
}

pub(crate) fn install(ctx: &Ctx<'_>) -> Result<()> {
    for (prototype, tag) in [
        (Class::<Response>::prototype(ctx)?, "Response"),
        (Class::<Headers>::prototype(ctx)?, "Headers"),
    ] {
        if let Some(prototype) = prototype {
            prototype.prop(
                PredefinedAtom::SymbolToStringTag,
                Property::from(tag).configurable(),
            )?;
        }
    }
    let fetch = Function::new(ctx.clone(), fetch)?
        .with_name("fetch")?
        .with_length(1)?;
    ctx.globals().set("fetch", fetch)
}

/// `fetch(input, init)`: every error, including argument errors, rejects the promise.
fn fetch<'js>(
    ctx: Ctx<'js>,
    input: Opt<Value<'js>>,
    _init: Rest<Value<'js>>,
) -> Result<Promise<'js>> {
    settle(&ctx, || {
        let Some(input) = input.0 else {
            return Err(Exception::throw_type(
                &ctx,
                "fetch(): 1 argument required, but only 0 present",
            ));
        };
        let url = resolve(&ctx, &request_url(&ctx, input)?)?;
        let path = url.to_file_path().map_err(|()| {
            Exception::throw_type(&ctx, &format!("fetch(): '{url}' is not a local file path"))
        })?;
        let body = std::fs::read(&path).map_err(|e| {
            Exception::throw_type(
                &ctx,
                &format!("fetch failed: cannot read '{}': {e}", path.display()),
            )
        })?;
        let headers = Class::instance(
            ctx.clone(),
            Headers {
                content_type: content_type(&path),
            },
        )?;
        // A response's URL is serialized without its fragment.
        let mut url = url;
        url.set_fragment(None);
        let response = Response {
            headers,
            url: url.to_string(),
            body: Some(body),
        };
        Ok(Class::instance(ctx.clone(), response)?.into_value())
    })
}

/// The URL string of `input`: its `href` (a `URL`), its `url` (a `Request`), or `String(input)`.
fn request_url<'js>(ctx: &Ctx<'js>, input: Value<'js>) -> Result<String> {
    if let Some(object) = input.as_object() {
        for key in ["href", "url"] {
            let value: Value = object.get(key)?;
            if let Some(s) = value.as_string() {
                return s.to_string();
            }
        }
    }
    Coerced::<String>::from_js(ctx, input).map(|s| s.0)
}

/// `input` resolved against the current directory; a TypeError unless it is a `file:` URL.
fn resolve(ctx: &Ctx<'_>, input: &str) -> Result<Url> {
    let base = std::env::current_dir()
        .ok()
        .and_then(|dir| Url::from_directory_path(dir).ok());
    let url = match &base {
        Some(base) => base.join(input),
        None => Url::parse(input),
    }
    .map_err(|e| Exception::throw_type(ctx, &format!("fetch(): invalid URL '{input}': {e}")))?;
    if url.scheme() != "file" {
        return Err(Exception::throw_type(
            ctx,
            &format!(
                "fetch(): cannot fetch '{url}': baton's fetch reads local files only \
                 (a path or a file: URL)"
            ),
        ));
    }
    Ok(url)
}

/// The `content-type` a file is served with, from its extension.
fn content_type(path: &std::path::Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("js" | "mjs") => "text/javascript",
        _ => "text/plain",
    }
}

/// The Encoding standard's "UTF-8 decode": a leading BOM is dropped, invalid bytes become U+FFFD.
fn utf8_decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// The body of `value` for `WebAssembly.compileStreaming`/`instantiateStreaming` (named by
/// `what`), with the checks the JS API's "compile a potential WebAssembly response" makes, in its
/// order: a `Response`, of content type `application/wasm`, with an ok status, whose body was not
/// read yet. Each failure is a TypeError. The body is used afterwards.
pub(crate) fn take_wasm_body<'js>(
    ctx: &Ctx<'js>,
    value: &Value<'js>,
    what: &str,
) -> Result<Vec<u8>> {
    let Ok(response) = Class::<Response>::from_value(value) else {
        return Err(Exception::throw_type(
            ctx,
            &format!("{what}: Argument 0 must be a Response or a promise of one"),
        ));
    };
    let mut response = response.borrow_mut();
    let content_type = response.headers.borrow().content_type;
    if !content_type.eq_ignore_ascii_case("application/wasm") {
        return Err(Exception::throw_type(
            ctx,
            &format!(
                "{what}: the response's content-type is '{content_type}', expected \
                 'application/wasm' ({})",
                response.url
            ),
        ));
    }
    if !response.ok() {
        return Err(Exception::throw_type(
            ctx,
            &format!(
                "{what}: the response's status {STATUS} is not ok ({})",
                response.url
            ),
        ));
    }
    response.body.take().ok_or_else(|| {
        Exception::throw_type(
            ctx,
            &format!(
                "{what}: the response body was used already ({})",
                response.url
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn content_type_follows_the_extension() {
        assert_eq!(content_type(Path::new("a/x.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("X.WASM")), "application/wasm");
        assert_eq!(content_type(Path::new("x.json")), "application/json");
        assert_eq!(content_type(Path::new("x.mjs")), "text/javascript");
        assert_eq!(content_type(Path::new("x.js")), "text/javascript");
        assert_eq!(content_type(Path::new("x.txt")), "text/plain");
        assert_eq!(content_type(Path::new("Makefile")), "text/plain");
    }

    #[test]
    fn utf8_decode_drops_the_bom() {
        assert_eq!(utf8_decode(b"\xEF\xBB\xBFhi"), "hi");
        assert_eq!(utf8_decode(b"a\xFFb"), "a\u{FFFD}b");
    }
}
