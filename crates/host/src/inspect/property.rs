//! Node's `formatProperty`: one `key: value` entry, with keys quoted or bracketed as node does
//! and accessors shown as `[Getter]`, `[Setter]`, `[Getter/Setter]` (or their value with the
//! `getters` option).

use rquickjs::function::This;
use rquickjs::{Object, Result, Value};

use super::engine::{self, Descriptor};
use super::layout::{Compact, string_width};
use super::{Getters, Inspector, PropertyKind, symbol_to_string, text, to_display_string};

impl<'js> Inspector<'js> {
    /// Node's `formatProperty`: one `key: value` entry (or just the value for array elements).
    pub(super) fn format_property(
        &mut self,
        object: &Object<'js>,
        recurse_times: usize,
        key: &Value<'js>,
        kind: PropertyKind,
        desc: Option<Descriptor<'js>>,
        receiver: Option<&Object<'js>>,
    ) -> Result<String> {
        let desc = match desc {
            Some(desc) => desc,
            None => match engine::own_property(&self.ctx, object, key)? {
                Some(desc) => desc,
                None => Descriptor {
                    value: Some(object.get(key.clone())?),
                    getter: None,
                    setter: None,
                    enumerable: true,
                },
            },
        };
        let mut separator = " ".to_owned();
        let value = if let Some(value) = desc.value.as_ref().filter(|v| !v.is_undefined()) {
            let diff = if self.opts.compact != Compact::Always || kind != PropertyKind::Object {
                2
            } else {
                3
            };
            self.indentation += diff;
            let text = self.format_value(value, recurse_times, false);
            if let Ok(text) = &text
                && diff == 3
                && self.opts.break_length < string_width(text) as f64
            {
                separator = format!("\n{}", " ".repeat(self.indentation));
            }
            self.indentation -= diff;
            text?
        } else if let Some(getter) = &desc.getter {
            let label = if desc.setter.is_some() {
                "Getter/Setter"
            } else {
                "Getter"
            };
            let show = match self.opts.getters {
                Getters::None => false,
                Getters::All => true,
                Getters::GetOnly => desc.setter.is_none(),
                Getters::WithSetter => desc.setter.is_some(),
            };
            if show {
                self.getter_value(getter, receiver.unwrap_or(object), label, recurse_times)?
            } else {
                format!("[{label}]")
            }
        } else if desc.setter.is_some() {
            "[Setter]".to_owned()
        } else {
            "undefined".to_owned()
        };
        if kind == PropertyKind::ArrayElement {
            return Ok(value);
        }
        let name = self.key_name(key, desc.enumerable)?;
        Ok(format!("{name}:{separator}{value}"))
    }

    /// How a property key prints: `name`, `'quoted name'`, `[hidden]`, `[Symbol(s)]`.
    pub(super) fn key_name(&self, key: &Value<'js>, enumerable: bool) -> Result<String> {
        if key.is_symbol() {
            return Ok(format!(
                "[{}]",
                text::escape_unquoted(&symbol_to_string(&self.ctx, key))
            ));
        }
        let name = engine::lossy_string(&self.ctx, key);
        Ok(if name == "__proto__" {
            "['__proto__']".to_owned()
        } else if !enumerable {
            format!("[{}]", text::escape_unquoted(&name))
        } else if text::is_identifier(&name) {
            name
        } else {
            text::quote(&engine::utf16(&self.ctx, key))
        })
    }

    /// An accessor's value with the `getters` option: `[Getter: 42]`, `[Getter] { ... }`.
    pub(super) fn getter_value(
        &mut self,
        getter: &Value<'js>,
        receiver: &Object<'js>,
        label: &str,
        recurse_times: usize,
    ) -> Result<String> {
        let Some(getter) = getter.as_function() else {
            return Ok(format!("[{label}]"));
        };
        match getter.call::<_, Value>((This(receiver.clone()),)) {
            Ok(value) => {
                self.indentation += 2;
                let text = if value.is_null() {
                    Ok(format!("[{label}: null]"))
                } else if value.is_object() {
                    self.format_value(&value, recurse_times, false)
                        .map(|text| format!("[{label}] {text}"))
                } else {
                    self.format_primitive(&value)
                        .map(|text| format!("[{label}: {text}]"))
                };
                self.indentation -= 2;
                text
            }
            Err(_) => {
                let thrown = self.ctx.catch();
                let message = thrown
                    .as_object()
                    .and_then(|o| o.get::<_, Value>("message").ok())
                    .map(|m| to_display_string(&self.ctx, &m).unwrap_or_default())
                    .unwrap_or_else(|| "undefined".to_owned());
                Ok(format!("[{label}: <Inspection threw ({message})>]"))
            }
        }
    }
}
