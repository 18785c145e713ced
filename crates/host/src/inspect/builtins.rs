//! The contents node shows for built-in kinds: array elements and holes, typed arrays, buffers'
//! bytes, Map and Set entries, promise states, and the one-line descriptions of functions,
//! classes and boxed primitives.

use std::cell::RefCell;
use std::rc::Rc;

use rquickjs::function::This;
use rquickjs::promise::PromiseState;
use rquickjs::{Coerced, Function, Object, Result, Value};

use super::engine::{self, KeyFilter};
use super::layout::Compact;
use super::{Inspector, PropertyKind, text, to_display_string, truthy};

impl<'js> Inspector<'js> {
    /// The entries of a Map (`(key, value)`) or Set (`(value, value)`), read with the
    /// intrinsic `forEach` so that a replaced iterator cannot interfere.
    pub(super) fn collection_entries(
        &self,
        object: &Object<'js>,
        map: bool,
    ) -> Result<Vec<(Value<'js>, Value<'js>)>> {
        let items = Rc::new(RefCell::new(Vec::new()));
        let sink = items.clone();
        let collect = Function::new(
            self.ctx.clone(),
            move |value: Value<'js>, key: Value<'js>| {
                sink.borrow_mut().push((key, value));
            },
        )?;
        let for_each = if map {
            &self.intrinsics.map_for_each
        } else {
            &self.intrinsics.set_for_each
        };
        for_each.call::<_, ()>((This(object.clone()), collect))?;
        Ok(items.take())
    }

    /// The entries of a Map or Set, each formatted by `format`, up to `maxArrayLength`.
    pub(super) fn format_collection<T>(
        &mut self,
        items: Vec<T>,
        recurse_times: usize,
        mut format: impl FnMut(&mut Self, T, usize) -> Result<String>,
    ) -> Result<Vec<String>> {
        let total = items.len();
        let shown = total.min(self.opts.max_array_length);
        let mut output = Vec::with_capacity(shown + 1);
        self.indentation += 2;
        for item in items.into_iter().take(shown) {
            match format(self, item, recurse_times) {
                Ok(entry) => output.push(entry),
                Err(e) => {
                    self.indentation -= 2;
                    return Err(e);
                }
            }
        }
        self.indentation -= 2;
        if total > shown {
            output.push(text::remaining_text(total - shown));
        }
        Ok(output)
    }

    /// Node's `formatArray` and `formatSpecialArray`: elements, holes as `<N empty items>`, and
    /// `... N more items` past `maxArrayLength`.
    pub(super) fn format_array(
        &mut self,
        object: &Object<'js>,
        recurse_times: usize,
    ) -> Result<Vec<String>> {
        let ctx = self.ctx.clone();
        let length = array_length(object)?;
        let shown = length.min(self.opts.max_array_length);
        let mut output = Vec::new();
        for i in 0..shown {
            let key = Value::new_number(ctx.clone(), i as f64);
            if !engine::has_own(&ctx, object, &key)? {
                return self.format_sparse_array(object, length, recurse_times, shown, output, i);
            }
            output.push(self.format_property(
                object,
                recurse_times,
                &key,
                PropertyKind::ArrayElement,
                None,
                None,
            )?);
        }
        if length > shown {
            output.push(text::remaining_text(length - shown));
        }
        Ok(output)
    }

    /// The rest of an array with holes, from its first hole on: runs of missing indices print as
    /// one `<N empty items>` entry.
    pub(super) fn format_sparse_array(
        &mut self,
        object: &Object<'js>,
        length: usize,
        recurse_times: usize,
        max_length: usize,
        mut output: Vec<String>,
        first_hole: usize,
    ) -> Result<Vec<String>> {
        let empty = |n: usize| format!("<{n} empty item{}>", if n > 1 { "s" } else { "" });
        let keys = engine::own_keys(&self.ctx, object, KeyFilter::EnumerableStrings)?;
        let mut index = first_hole;
        let mut i = first_hole;
        while i < keys.len() && output.len() < max_length {
            let key = &keys[i];
            let name = engine::lossy_string(&self.ctx, key);
            if index.to_string() != name {
                if !text::is_array_index(&name) {
                    break;
                }
                let position: usize = name.parse().unwrap_or(usize::MAX);
                output.push(empty(position - index));
                index = position;
                if output.len() == max_length {
                    break;
                }
            }
            output.push(self.format_property(
                object,
                recurse_times,
                key,
                PropertyKind::ArrayElement,
                None,
                None,
            )?);
            index += 1;
            i += 1;
        }
        let remaining = length.saturating_sub(index);
        if output.len() != max_length {
            if remaining > 0 {
                output.push(empty(remaining));
            }
        } else if remaining > 0 {
            output.push(text::remaining_text(remaining));
        }
        Ok(output)
    }

    /// Node's `formatTypedArray`: the elements, and with `showHidden` the array's own accessors.
    pub(super) fn format_typed_array(
        &mut self,
        object: &Object<'js>,
        length: usize,
        recurse_times: usize,
    ) -> Result<Vec<String>> {
        let shown = length.min(self.opts.max_array_length);
        let mut output = Vec::with_capacity(shown + 1);
        for i in 0..shown {
            let element: Value = object.get(i as u32)?;
            output.push(self.format_primitive(&element)?);
        }
        if length > shown {
            output.push(text::remaining_text(length - shown));
        }
        if self.opts.show_hidden {
            self.indentation += 2;
            for key in [
                "BYTES_PER_ELEMENT",
                "length",
                "byteLength",
                "byteOffset",
                "buffer",
            ] {
                let value = object.get::<_, Value>(key);
                let entry = value.and_then(|v| self.format_value(&v, recurse_times, true));
                match entry {
                    Ok(entry) => output.push(format!("[{key}]: {entry}")),
                    Err(e) => {
                        self.indentation -= 2;
                        return Err(e);
                    }
                }
            }
            self.indentation -= 2;
        }
        Ok(output)
    }

    /// Node's `formatArrayBuffer`: `[Uint8Contents]: <01 02 ...>`.
    pub(super) fn format_array_buffer(&self, object: &Object<'js>) -> String {
        let Some((bytes, length)) =
            engine::array_buffer_bytes(&self.ctx, object, self.opts.max_array_length)
        else {
            return "(detached)".to_owned();
        };
        let mut hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        if length > bytes.len() {
            let remaining = length - bytes.len();
            let s = if remaining > 1 { "s" } else { "" };
            hex.push(format!("... {remaining} more byte{s}"));
        }
        format!("[Uint8Contents]: <{}>", hex.join(" "))
    }

    /// `<pending>`, the value, or `<rejected> reason`.
    pub(super) fn format_promise(
        &mut self,
        object: &Object<'js>,
        recurse_times: usize,
    ) -> Result<Vec<String>> {
        let promise = rquickjs::Promise::from_value(object.as_value().clone())?;
        let (rejected, result) = match promise.state() {
            PromiseState::Pending => return Ok(vec!["<pending>".to_owned()]),
            PromiseState::Resolved => (false, promise.result::<Value>().transpose()?),
            PromiseState::Rejected => {
                // rquickjs hands a rejection back as a thrown exception.
                let _ = promise.result::<Value>();
                (true, Some(self.ctx.catch()))
            }
        };
        let result = result.unwrap_or_else(|| Value::new_undefined(self.ctx.clone()));
        self.indentation += 2;
        let text = self.format_value(&result, recurse_times, false);
        self.indentation -= 2;
        let text = text?;
        Ok(vec![if rejected {
            format!("<rejected> {text}")
        } else {
            text
        }])
    }

    /// Node's `getFunctionBase`: `[Function: name]`, `[AsyncFunction (anonymous)]`,
    /// `[class A extends B]`, ...
    pub(super) fn function_base(
        &self,
        object: &Object<'js>,
        constructor: Option<&str>,
        tag: &str,
    ) -> Result<String> {
        let source = self
            .intrinsics
            .function_to_string
            .call::<_, Coerced<String>>((This(object.clone()),))?
            .0;
        if source.starts_with("class") && source.ends_with('}') {
            let body = &source[5..source.len() - 1];
            if let Some(brace) = body.find('{')
                && (!body[..brace].contains('(') || is_class_header(body))
            {
                return self.class_base(object, constructor, tag);
            }
        }
        let kind = match engine::class_name(&self.ctx, object).as_str() {
            "GeneratorFunction" => "GeneratorFunction",
            "AsyncFunction" => "AsyncFunction",
            "AsyncGeneratorFunction" => "AsyncGeneratorFunction",
            _ => "Function",
        };
        let mut base = format!("[{kind}");
        if constructor.is_none() {
            base.push_str(" (null prototype)");
        }
        let name: Value = object.get("name")?;
        let name = to_display_string(&self.ctx, &name)?;
        if name.is_empty() {
            base.push_str(" (anonymous)");
        } else {
            base.push_str(&format!(": {name}"));
        }
        base.push(']');
        if let Some(constructor) = constructor
            && constructor != kind
        {
            base.push_str(&format!(" {constructor}"));
        }
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        Ok(base)
    }

    /// Node's `getClassBase`: `[class A]`, `[class B extends A]`.
    pub(super) fn class_base(
        &self,
        object: &Object<'js>,
        constructor: Option<&str>,
        tag: &str,
    ) -> Result<String> {
        let name_key = self.name("name")?;
        let mut name = String::new();
        if engine::has_own(&self.ctx, object, &name_key)? {
            let value: Value = object.get("name")?;
            if truthy(&value) {
                name = to_display_string(&self.ctx, &value)?;
            }
        }
        if name.is_empty() {
            name = "(anonymous)".to_owned();
        }
        let mut base = format!("class {name}");
        if let Some(constructor) = constructor
            && constructor != "Function"
        {
            base.push_str(&format!(" [{constructor}]"));
        }
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        if constructor.is_some() {
            if let Some(parent) = object.get_prototype() {
                let parent_name: Value = parent.get("name")?;
                if truthy(&parent_name) {
                    base.push_str(&format!(
                        " extends {}",
                        to_display_string(&self.ctx, &parent_name)?
                    ));
                }
            }
        } else {
            base.push_str(" extends [null prototype]");
        }
        Ok(format!("[{base}]"))
    }

    /// Node's `getBoxedBase`: `[Number: 3]`, `[String: 'ab']`, ...
    pub(super) fn boxed_base(
        &mut self,
        object: &Object<'js>,
        class: &str,
        keys: &mut Vec<Value<'js>>,
        constructor: Option<&str>,
        tag: &str,
    ) -> Result<String> {
        let value_of = match class {
            "Number" => &self.intrinsics.number_value_of,
            "String" => &self.intrinsics.string_value_of,
            "Boolean" => &self.intrinsics.boolean_value_of,
            "BigInt" => &self.intrinsics.bigint_value_of,
            _ => &self.intrinsics.symbol_value_of,
        };
        let primitive: Value = value_of.clone().call((This(object.clone()),))?;
        if class == "String" {
            // The characters are also index properties; they would only repeat the value.
            let length = engine::utf16(&self.ctx, &primitive).len();
            keys.drain(..length.min(keys.len()));
        }
        let mut base = format!("[{class}");
        if constructor != Some(class) {
            match constructor {
                None => base.push_str(" (null prototype)"),
                Some(constructor) => base.push_str(&format!(" ({constructor})")),
            }
        }
        let saved = std::mem::replace(&mut self.opts.compact, Compact::Always);
        let text = self.format_primitive(&primitive);
        self.opts.compact = saved;
        base.push_str(&format!(": {}]", text?));
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        Ok(base)
    }
}

/// Whether the source of a function after `class` looks like a class header (node's slow check
/// for sources whose text before the body contains a parenthesis): whitespace, then no `(` before
/// the opening brace, once comments are removed.
fn is_class_header(after_class: &str) -> bool {
    let mut stripped = String::with_capacity(after_class.len());
    let mut rest = after_class;
    while !rest.is_empty() {
        if let Some(comment) = rest.strip_prefix("//") {
            match comment.find('\n') {
                Some(end) => rest = &comment[end + 1..],
                None => {
                    stripped.push_str(rest);
                    break;
                }
            }
        } else if let Some(comment) = rest.strip_prefix("/*") {
            match comment.find("*/") {
                Some(end) => rest = &comment[end + 2..],
                None => {
                    stripped.push_str(rest);
                    break;
                }
            }
        } else {
            let c = rest.chars().next().unwrap_or_default();
            stripped.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    stripped.starts_with(char::is_whitespace)
        && stripped
            .find('{')
            .is_some_and(|brace| !stripped[..brace].contains('('))
}

/// An array's `length` (a non-configurable own data property, so reading it runs no JS).
pub(super) fn array_length(object: &Object<'_>) -> Result<usize> {
    let length: f64 = object.get("length")?;
    Ok(length as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_headers_ignore_comments() {
        assert!(is_class_header(" A /* ( */ {"));
        assert!(is_class_header(" A extends B {"));
        assert!(!is_class_header(" A extends mixin(B) {"));
        assert!(!is_class_header("{"));
    }
}
