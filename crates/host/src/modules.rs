//! ES module resolution and loading from the file system.
//!
//! A module's name inside QuickJS is its absolute path (that is what stack traces show); its
//! `import.meta.url` is the matching `file:` URL, with `import.meta.filename` and
//! `import.meta.dirname` as in node. Specifiers may be relative (`./x.mjs`, `../x.mjs`),
//! absolute paths, or `file:` URLs; bare specifiers (`lodash`) are rejected because baton has no
//! package resolution. `import data from './x.json' with { type: 'json' }` loads JSON.

use std::path::{Component, Path, PathBuf};

use rquickjs::loader::ImportAttributes;
use rquickjs::module::Declared;
use rquickjs::{Ctx, Exception, Module, Result};
use url::Url;

/// Resolves specifiers against the importing module's path.
pub(crate) struct Resolver;

/// Reads modules from disk, as JavaScript or (with `type: 'json'`) as JSON.
pub(crate) struct Loader;

impl rquickjs::loader::Resolver for Resolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<String> {
        let path = resolve_path(base, name).map_err(|why| {
            Exception::throw_type(
                ctx,
                &format!("Cannot resolve '{name}' imported from {base}: {why}"),
            )
        })?;
        if !path.is_file() {
            return Err(Exception::throw_message(
                ctx,
                &format!(
                    "Cannot find module '{}' imported from {base}",
                    path.display()
                ),
            ));
        }
        Ok(path.to_string_lossy().into_owned())
    }
}

impl rquickjs::loader::Loader for Loader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        attributes: Option<ImportAttributes<'js>>,
    ) -> Result<Module<'js, Declared>> {
        let kind = match &attributes {
            Some(a) => a.get_type()?,
            None => None,
        };
        let source = std::fs::read(name).map_err(|e| {
            Exception::throw_message(ctx, &format!("Cannot load module '{name}': {e}"))
        })?;
        match kind.as_deref() {
            None => declare(ctx, name, source),
            Some("json") => {
                let text = String::from_utf8(source).map_err(|_| {
                    Exception::throw_syntax(
                        ctx,
                        &format!("JSON module '{name}' is not valid UTF-8"),
                    )
                })?;
                // Validate now so the error names the file rather than a generated module.
                ctx.json_parse(text.as_str()).map_err(|_| {
                    let detail = ctx
                        .catch()
                        .into_exception()
                        .and_then(|e| e.message())
                        .unwrap_or_default();
                    Exception::throw_syntax(ctx, &format!("Invalid JSON module '{name}': {detail}"))
                })?;
                let source = format!("export default JSON.parse({});", js_string_literal(&text));
                declare(ctx, name, source.into_bytes())
            }
            Some(other) => Err(Exception::throw_type(
                ctx,
                &format!("Unsupported import type '{other}' for '{name}' (baton supports 'json')"),
            )),
        }
    }
}

/// Compiles `source` as the module `name` (an absolute path) and sets its `import.meta`.
pub(crate) fn declare<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    source: Vec<u8>,
) -> Result<Module<'js, Declared>> {
    let module = Module::declare(ctx.clone(), name, source)?;
    let meta = module.meta()?;
    let path = Path::new(name);
    if let Ok(url) = Url::from_file_path(path) {
        meta.set("url", url.as_str())?;
    }
    meta.set("filename", name)?;
    if let Some(dir) = path.parent() {
        meta.set("dirname", dir.to_string_lossy().as_ref())?;
    }
    Ok(module)
}

/// The absolute, lexically normalised path `name` refers to when imported from `base`.
fn resolve_path(base: &str, name: &str) -> std::result::Result<PathBuf, String> {
    let joined = if name.starts_with("file:") {
        Url::parse(name)
            .ok()
            .and_then(|u| u.to_file_path().ok())
            .ok_or_else(|| "not a valid file: URL".to_owned())?
    } else if name.starts_with('/') {
        PathBuf::from(name)
    } else if name.starts_with("./") || name.starts_with("../") {
        let base = Path::new(base);
        // Scripts evaluated without a file (the REPL) resolve against the current directory.
        let dir = match base.parent() {
            Some(dir) if base.is_absolute() => dir.to_owned(),
            _ => std::env::current_dir().map_err(|e| e.to_string())?,
        };
        dir.join(name)
    } else {
        return Err("bare specifiers are not supported; use a relative path ('./x.mjs'), an absolute path or a file: URL".to_owned());
    };
    Ok(normalize(&joined))
}

/// Removes `.` and `..` components without consulting the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `text` as a double-quoted JavaScript string literal.
fn js_string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_absolute_and_file_urls() {
        assert_eq!(
            resolve_path("/a/b/main.mjs", "./c.mjs").unwrap(),
            PathBuf::from("/a/b/c.mjs")
        );
        assert_eq!(
            resolve_path("/a/b/main.mjs", "../c.mjs").unwrap(),
            PathBuf::from("/a/c.mjs")
        );
        assert_eq!(
            resolve_path("/a/b/main.mjs", "/x/./y.mjs").unwrap(),
            PathBuf::from("/x/y.mjs")
        );
        assert_eq!(
            resolve_path("/a/main.mjs", "file:///x/y%20z.mjs").unwrap(),
            PathBuf::from("/x/y z.mjs")
        );
        assert!(
            resolve_path("/a/main.mjs", "lodash")
                .unwrap_err()
                .contains("bare specifiers")
        );
    }

    #[test]
    fn string_literals_escape_what_json_allows_raw() {
        assert_eq!(
            js_string_literal("a\"b\\c\n\u{2028}"),
            "\"a\\\"b\\\\c\\n\\u2028\""
        );
    }
}
